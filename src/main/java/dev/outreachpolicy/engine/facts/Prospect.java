package dev.outreachpolicy.engine.facts;

import java.time.LocalDate;

/**
 * The person the step is about, as the request stated them and as the service resolved them.
 *
 * <p>Stated facts keep the request's names. Resolved facts are filled in before the rules run:
 * {@link #getLocation()} (the prospect's country, from {@code country}, the subdivision or the phone's
 * calling code), {@link #getPhoneE164()}, {@link #getSubscriber()} (a free-mail address makes an e-mail
 * recipient {@code INDIVIDUAL} whatever was sent) and the TPS/CTPS screening, taken from the imported
 * registers when the request has none.
 */
public final class Prospect {
    private String ref;
    private String email;
    private String phone;
    private String country;
    private String subdivision;
    private String subscriberType;
    private Boolean existingCustomer;
    private LocalDate lastPurchaseAt;
    private LocalDate lastInquiryAt;
    private LocalDate lastEngagementAt;
    private LocalDate collectedAt;
    private LocalDate deletionRequestedAt;
    private String tps;
    private LocalDate tpsCheckedAt;
    private String ctps;
    private LocalDate ctpsCheckedAt;
    private Boolean addressConspicuouslyPublished;
    private Boolean publishedWithNoSolicitationNotice;
    private Boolean businessCardGiven;
    private LocalDate relationshipEndsAt;

    // resolved
    private LocalDate asOfDate;
    private String location;
    private String phoneE164;
    private String phoneCountry;
    private String emailDomain;
    private boolean freeMail;
    private String subscriber;
    private String subscriberSource;
    private String tpsSource;
    private String ctpsSource;

    public String getRef() { return ref; }
    public void setRef(String ref) { this.ref = ref; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public String getPhone() { return phone; }
    public void setPhone(String phone) { this.phone = phone; }
    public String getCountry() { return country; }
    public void setCountry(String country) { this.country = country; }
    public String getSubdivision() { return subdivision; }
    public void setSubdivision(String subdivision) { this.subdivision = subdivision; }
    public String getSubscriberType() { return subscriberType; }
    public void setSubscriberType(String subscriberType) { this.subscriberType = subscriberType; }
    public Boolean getExistingCustomer() { return existingCustomer; }
    public void setExistingCustomer(Boolean existingCustomer) { this.existingCustomer = existingCustomer; }
    public LocalDate getLastPurchaseAt() { return lastPurchaseAt; }
    public void setLastPurchaseAt(LocalDate lastPurchaseAt) { this.lastPurchaseAt = lastPurchaseAt; }
    public LocalDate getLastInquiryAt() { return lastInquiryAt; }
    public void setLastInquiryAt(LocalDate lastInquiryAt) { this.lastInquiryAt = lastInquiryAt; }
    public LocalDate getLastEngagementAt() { return lastEngagementAt; }
    public void setLastEngagementAt(LocalDate lastEngagementAt) { this.lastEngagementAt = lastEngagementAt; }
    public LocalDate getCollectedAt() { return collectedAt; }
    public void setCollectedAt(LocalDate collectedAt) { this.collectedAt = collectedAt; }
    public LocalDate getDeletionRequestedAt() { return deletionRequestedAt; }
    public void setDeletionRequestedAt(LocalDate deletionRequestedAt) { this.deletionRequestedAt = deletionRequestedAt; }
    public String getTps() { return tps; }
    public void setTps(String tps) { this.tps = tps; }
    public LocalDate getTpsCheckedAt() { return tpsCheckedAt; }
    public void setTpsCheckedAt(LocalDate tpsCheckedAt) { this.tpsCheckedAt = tpsCheckedAt; }
    public String getCtps() { return ctps; }
    public void setCtps(String ctps) { this.ctps = ctps; }
    public LocalDate getCtpsCheckedAt() { return ctpsCheckedAt; }
    public void setCtpsCheckedAt(LocalDate ctpsCheckedAt) { this.ctpsCheckedAt = ctpsCheckedAt; }
    public Boolean getAddressConspicuouslyPublished() { return addressConspicuouslyPublished; }
    public void setAddressConspicuouslyPublished(Boolean v) { this.addressConspicuouslyPublished = v; }
    public Boolean getPublishedWithNoSolicitationNotice() { return publishedWithNoSolicitationNotice; }
    public void setPublishedWithNoSolicitationNotice(Boolean v) { this.publishedWithNoSolicitationNotice = v; }
    public Boolean getBusinessCardGiven() { return businessCardGiven; }
    public void setBusinessCardGiven(Boolean businessCardGiven) { this.businessCardGiven = businessCardGiven; }
    /** When the person's subscription, account or written contract with the controller ends or ended (contract v1.1). */
    public LocalDate getRelationshipEndsAt() { return relationshipEndsAt; }
    public void setRelationshipEndsAt(LocalDate relationshipEndsAt) { this.relationshipEndsAt = relationshipEndsAt; }

    /** The UTC date of the decision's asOf: a dated fact later than it did not exist yet (rulebook §0). */
    public void setAsOfDate(LocalDate asOfDate) { this.asOfDate = asOfDate; }

    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public String getPhoneE164() { return phoneE164; }
    public void setPhoneE164(String phoneE164) { this.phoneE164 = phoneE164; }
    public String getPhoneCountry() { return phoneCountry; }
    public void setPhoneCountry(String phoneCountry) { this.phoneCountry = phoneCountry; }
    public String getEmailDomain() { return emailDomain; }
    public void setEmailDomain(String emailDomain) { this.emailDomain = emailDomain; }
    public boolean isFreeMail() { return freeMail; }
    public void setFreeMail(boolean freeMail) { this.freeMail = freeMail; }
    public String getSubscriber() { return subscriber; }
    public void setSubscriber(String subscriber) { this.subscriber = subscriber; }
    public String getSubscriberSource() { return subscriberSource; }
    public void setSubscriberSource(String subscriberSource) { this.subscriberSource = subscriberSource; }
    public String getTpsSource() { return tpsSource; }
    public void setTpsSource(String tpsSource) { this.tpsSource = tpsSource; }
    public String getCtpsSource() { return ctpsSource; }
    public void setCtpsSource(String ctpsSource) { this.ctpsSource = ctpsSource; }

    /** INDIVIDUAL or SOLE_TRADER: an individual subscriber for PECR (ICO). */
    public boolean isIndividualSubscriber() {
        return "INDIVIDUAL".equals(subscriber) || "SOLE_TRADER".equals(subscriber);
    }

    public boolean isCorporateSubscriber() { return "CORPORATE".equals(subscriber); }

    public boolean isSubscriberUnknown() { return subscriber == null; }

    /** A phone number with the UK calling code +44. */
    public boolean isUkPhone() { return phoneE164 != null && phoneE164.startsWith("+44"); }

    public boolean isCustomer() { return Boolean.TRUE.equals(existingCustomer); }

    /** The request states that the person gave a business card. */
    public boolean gaveBusinessCard() { return Boolean.TRUE.equals(businessCardGiven); }

    /** The address is stated to be conspicuously published, and not stated to come with a notice refusing solicitations. */
    public boolean addressPublishedWithoutRefusal() {
        return Boolean.TRUE.equals(addressConspicuouslyPublished) && !Boolean.TRUE.equals(publishedWithNoSolicitationNotice);
    }

    /** The TPS protects this number: every subscriber but a corporate one (PECR reg. 21(1)(b), 26). */
    public boolean tpsApplies() { return !isCorporateSubscriber(); }

    /** The CTPS protects this number: every subscriber but an individual or sole trader (PECR reg. 21(1)(b), 26). */
    public boolean ctpsApplies() { return !isIndividualSubscriber(); }

    /**
     * The latest of the engagement, purchase and inquiry dates on or before the as-of date, or {@code null} when
     * none is known (a date after asOf did not exist yet).
     */
    public LocalDate getLastContact() {
        LocalDate latest = null;
        for (LocalDate d : new LocalDate[] {lastEngagementAt, lastPurchaseAt, lastInquiryAt}) {
            if (known(d) && (latest == null || d.isAfter(latest))) {
                latest = d;
            }
        }
        return latest;
    }

    /** Where the retention clock starts: the last contact, else when the data was first collected (if by asOf). */
    public LocalDate getRetentionClockStart() {
        LocalDate last = getLastContact();
        return last != null ? last : known(collectedAt) ? collectedAt : null;
    }

    private boolean known(LocalDate d) { return d != null && (asOfDate == null || !d.isAfter(asOfDate)); }
}
