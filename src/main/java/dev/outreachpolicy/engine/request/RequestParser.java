package dev.outreachpolicy.engine.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.contact.PhoneNumbers;
import dev.outreachpolicy.engine.facts.Automation;
import dev.outreachpolicy.engine.facts.Basis;
import dev.outreachpolicy.engine.facts.Consent;
import dev.outreachpolicy.engine.facts.Contract;
import dev.outreachpolicy.engine.facts.Controller;
import dev.outreachpolicy.engine.facts.Data;
import dev.outreachpolicy.engine.facts.LegalObligation;
import dev.outreachpolicy.engine.facts.Lia;
import dev.outreachpolicy.engine.facts.Message;
import dev.outreachpolicy.engine.facts.Processing;
import dev.outreachpolicy.engine.facts.Prospect;
import dev.outreachpolicy.engine.facts.PublicTask;
import dev.outreachpolicy.engine.facts.Vocabulary;
import dev.outreachpolicy.engine.facts.VitalInterests;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a decision request strictly, as the contract says: an unknown field, a wrong type, a value outside
 * its enumeration, a malformed date, country, e-mail or phone number, a missing {@code step},
 * {@code prospect.ref} or (for outreach) {@code channel} is a 400 naming every offending field by pointer.
 */
public final class RequestParser {
    private static final Pattern SUBDIVISION = Pattern.compile("^[A-Z]{2}-[A-Z0-9]{1,3}$");
    /** The earliest asOf: the fail-closed and suppression rules are in force from this day, so none falls before them. */
    static final Instant EARLIEST_AS_OF = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST_AS_OF = Instant.parse("9999-12-31T23:59:59Z");

    private RequestParser() { }

    /** @param now the instant that stands for {@code asOf} when the request gives none */
    public static DecisionRequest parse(JsonNode body, Instant now) {
        dev.outreachpolicy.engine.input.TextRules.check(body);
        List<FieldError> errors = new ArrayList<>();
        Fields root = Fields.root(body, errors);
        Instant asOf = root.instant("asOf");
        if (asOf != null && (asOf.isBefore(EARLIEST_AS_OF) || asOf.isAfter(LATEST_AS_OF))) {
            root.error("asOf", "must lie between 1970-01-01 and 9999-12-31");
            asOf = null;
        }
        boolean asOfStated = asOf != null;
        String step = root.requiredEnum("step", Vocabulary.STEPS);
        String channel = root.enumValue("channel", Vocabulary.CHANNELS);
        if ("OUTREACH".equals(step) && channel == null && !root.has("channel")) {
            root.error("channel", "is required for OUTREACH: one of " + String.join(", ", Vocabulary.CHANNELS));
        }
        String purpose = root.string("purpose");
        String campaign = root.string("campaign");

        Controller controller = controller(root.object("controller"));
        Fields p = root.object("prospect");
        Prospect prospect = new Prospect();
        if (p == null) {
            if (!root.has("prospect")) {
                errors.add(new FieldError("/prospect/ref", "is required: the stable id of the person (CRM id)"));
            }
        } else {
            prospect(p, prospect);
        }
        LocalDateHolder asOfDate = new LocalDateHolder(asOf != null ? asOf : now);
        prospect.setAsOfDate(asOfDate.date);
        Fields b = root.object("basis");
        Basis basis = new Basis(null, null);
        Lia lia = null;
        Consent consent = null;
        Contract contract = null;
        LegalObligation legalObligation = null;
        PublicTask publicTask = null;
        VitalInterests vitalInterests = null;
        if (b != null) {
            String liaRef = b.string("liaRef");
            String consentRef = b.string("consentRef");
            registerRefs(b, liaRef, consentRef);
            basis = new Basis(b.enumValue("article6", Vocabulary.ARTICLE6), b.enumValue("article9", Vocabulary.ARTICLE9),
                liaRef, consentRef);
            Fields l = b.object("lia");
            if (l != null) {
                lia = new Lia(l.bool("purposeTest"), l.bool("necessityTest"), l.bool("balancingTest"), l.date("assessedAt"),
                    l.enumList("steps", Vocabulary.STEPS));
                l.finish();
            }
            Fields c = b.object("consent");
            if (c != null) {
                consent = new Consent(asOfDate.date, c.date("obtainedAt"), c.date("withdrawnAt"), c.enumList("steps", Vocabulary.STEPS),
                    c.enumList("channels", Vocabulary.CHANNELS), c.bool("preTicked"), c.bool("freelyGiven"), c.bool("informed"),
                    c.bool("specific"), c.bool("unambiguous"), c.bool("explicit"), c.bool("express"), c.bool("employmentContext"));
                c.finish();
            }
            Fields k = b.object("contract");
            if (k != null) {
                contract = new Contract(k.bool("subjectIsParty"), k.bool("necessaryForPerformance"));
                k.finish();
            }
            Fields o = b.object("legalObligation");
            if (o != null) {
                legalObligation = new LegalObligation(o.string("law"), o.enumValue("source", Vocabulary.LEGAL_OBLIGATION_SOURCES));
                o.finish();
            }
            Fields t = b.object("publicTask");
            if (t != null) {
                publicTask = new PublicTask(t.string("statutoryBasis"), t.bool("vestedInController"));
                t.finish();
            }
            Fields v = b.object("vitalInterests");
            if (v != null) {
                vitalInterests = new VitalInterests(v.bool("lifeAtRisk"));
                v.finish();
            }
            b.finish();
        }
        Data data = new Data(List.of(), null);
        Fields d = root.object("data");
        if (d != null) {
            data = new Data(d.enumList("categories", Vocabulary.DATA_CATEGORIES), d.bool("publiclyAvailable"));
            d.finish();
        }
        Automation automation = null;
        Fields a = root.object("automation");
        if (a != null) {
            automation = new Automation(a.bool("solelyAutomated"), a.bool("significantEffect"), a.bool("humanReview"),
                a.bool("explanationAvailable"));
            a.finish();
        }
        Message message = Message.unknown();
        Fields m = root.object("message");
        if (m != null) {
            message = new Message(m.bool("commercial"), m.bool("unsubscribeLink"), m.bool("postalAddress"),
                m.bool("senderIdentified"), m.bool("subjectMisleading"), m.bool("headerMisleading"), m.bool("relevantToRole"),
                m.bool("identifiesAsAd"), m.enumValue("promotes", Vocabulary.PROMOTES), m.bool("solicited"));
            m.finish();
        }
        root.finish();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DecisionRequest(asOf != null ? asOf : now, asOfStated, new Processing(step, channel, purpose, campaign),
            controller, prospect, basis, lia, consent, contract, legalObligation, publicTask, vitalInterests, data,
            automation, message, body);
    }

    private record LocalDateHolder(java.time.LocalDate date) {
        LocalDateHolder(Instant instant) { this(instant.atOffset(ZoneOffset.UTC).toLocalDate()); }
    }

    /** A reference to the register stands instead of the inline record, never beside it (contract v1.1). */
    private static void registerRefs(Fields b, String liaRef, String consentRef) {
        if (liaRef != null && b.has("lia")) {
            b.error("liaRef", "send either liaRef (a registered assessment) or lia (an inline one), not both");
        } else if (liaRef != null && liaRef.isBlank()) {
            b.error("liaRef", "must not be blank");
        }
        if (consentRef != null && b.has("consent")) {
            b.error("consentRef", "send either consentRef (a registered receipt) or consent (an inline record), not both");
        } else if (consentRef != null && consentRef.isBlank()) {
            b.error("consentRef", "must not be blank");
        }
    }

    private static Controller controller(Fields c) {
        if (c == null) {
            return Controller.unknown();
        }
        Controller out = new Controller(country(c, "country"), subdivision(c, "subdivision"), c.bool("publicAuthority"),
            c.bool("ccpaBusiness"), c.bool("charity"));
        c.finish();
        return out;
    }

    private static void prospect(Fields p, Prospect out) {
        out.setRef(p.requiredString("ref"));
        String email = p.string("email");
        if (email != null) {
            EmailAddress.normalise(email).ifPresentOrElse(out::setEmail,
                () -> p.error("email", "must be an e-mail address (name@domain)"));
        }
        out.setCountry(country(p, "country"));
        out.setSubdivision(subdivision(p, "subdivision"));
        String phone = p.string("phone");
        if (phone != null) {
            out.setPhone(phone);
            String region = out.getCountry() != null ? out.getCountry()
                : out.getSubdivision() != null ? out.getSubdivision().substring(0, 2) : null;
            PhoneNumbers.parse(phone, region).ifPresentOrElse(n -> {
                out.setPhoneE164(n.e164());
                out.setPhoneCountry(n.region());
            }, () -> p.error("phone", "must be a possible phone number: E.164 (+442079460000), or national with prospect.country"));
        }
        out.setSubscriberType(p.enumValue("subscriberType", Vocabulary.SUBSCRIBER_TYPES));
        out.setExistingCustomer(p.bool("existingCustomer"));
        out.setLastPurchaseAt(p.date("lastPurchaseAt"));
        out.setLastInquiryAt(p.date("lastInquiryAt"));
        out.setLastEngagementAt(p.date("lastEngagementAt"));
        out.setCollectedAt(p.date("collectedAt"));
        out.setDeletionRequestedAt(p.date("deletionRequestedAt"));
        out.setTps(p.enumValue("tps", Vocabulary.REGISTER_STATUSES));
        out.setTpsCheckedAt(p.date("tpsCheckedAt"));
        out.setCtps(p.enumValue("ctps", Vocabulary.REGISTER_STATUSES));
        out.setCtpsCheckedAt(p.date("ctpsCheckedAt"));
        out.setAddressConspicuouslyPublished(p.bool("addressConspicuouslyPublished"));
        out.setPublishedWithNoSolicitationNotice(p.bool("publishedWithNoSolicitationNotice"));
        out.setBusinessCardGiven(p.bool("businessCardGiven"));
        out.setRelationshipEndsAt(p.date("relationshipEndsAt"));
        p.finish();
    }

    private static String country(Fields f, String name) {
        String v = f.string(name);
        if (v == null) {
            return null;
        }
        String c = v.trim().toUpperCase(Locale.ROOT);
        if (!Vocabulary.COUNTRIES.contains(c)) {
            f.error(name, "must be an ISO 3166-1 alpha-2 country code (GB, DE, US, CA)");
            return null;
        }
        return c;
    }

    private static String subdivision(Fields f, String name) {
        String v = f.string(name);
        if (v == null) {
            return null;
        }
        String s = v.trim().toUpperCase(Locale.ROOT);
        if (!SUBDIVISION.matcher(s).matches() || !Vocabulary.COUNTRIES.contains(s.substring(0, 2))) {
            f.error(name, "must be an ISO 3166-2 subdivision code (US-CA, US-WA, CA-ON)");
            return null;
        }
        return s;
    }
}
