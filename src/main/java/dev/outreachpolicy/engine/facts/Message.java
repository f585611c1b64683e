package dev.outreachpolicy.engine.facts;

/** The message the outreach will send. Always present in working memory; each absent fact is {@code null}. */
public final class Message {
    private final Boolean commercial;
    private final Boolean unsubscribeLink;
    private final Boolean postalAddress;
    private final Boolean senderIdentified;
    private final Boolean subjectMisleading;
    private final Boolean headerMisleading;
    private final Boolean relevantToRole;
    private final Boolean identifiesAsAd;
    private final String promotes;
    private final Boolean solicited;

    public Message(Boolean commercial, Boolean unsubscribeLink, Boolean postalAddress, Boolean senderIdentified,
                   Boolean subjectMisleading, Boolean headerMisleading, Boolean relevantToRole, Boolean identifiesAsAd) {
        this(commercial, unsubscribeLink, postalAddress, senderIdentified, subjectMisleading, headerMisleading, relevantToRole,
            identifiesAsAd, null, null);
    }

    /**
     * @param promotes what the message promotes (contract v1.1): PRODUCTS or CHARITABLE_PURPOSE, null when not stated
     * @param solicited the message answers the person's own request, inquiry or complaint (contract v1.1)
     */
    public Message(Boolean commercial, Boolean unsubscribeLink, Boolean postalAddress, Boolean senderIdentified,
                   Boolean subjectMisleading, Boolean headerMisleading, Boolean relevantToRole, Boolean identifiesAsAd,
                   String promotes, Boolean solicited) {
        this.commercial = commercial;
        this.unsubscribeLink = unsubscribeLink;
        this.postalAddress = postalAddress;
        this.senderIdentified = senderIdentified;
        this.subjectMisleading = subjectMisleading;
        this.headerMisleading = headerMisleading;
        this.relevantToRole = relevantToRole;
        this.identifiesAsAd = identifiesAsAd;
        this.promotes = promotes;
        this.solicited = solicited;
    }

    public static Message unknown() { return new Message(null, null, null, null, null, null, null, null); }

    public Boolean getCommercial() { return commercial; }
    public Boolean getUnsubscribeLink() { return unsubscribeLink; }
    public Boolean getPostalAddress() { return postalAddress; }
    public Boolean getSenderIdentified() { return senderIdentified; }
    public Boolean getSubjectMisleading() { return subjectMisleading; }
    public Boolean getHeaderMisleading() { return headerMisleading; }
    public Boolean getRelevantToRole() { return relevantToRole; }
    public Boolean getIdentifiesAsAd() { return identifiesAsAd; }
    public String getPromotes() { return promotes; }

    /** The request states that the message offers a way to unsubscribe (absent is not a yes). */
    public boolean offersUnsubscribe() { return Boolean.TRUE.equals(unsubscribeLink); }

    /** The request states that the message promotes products or services. */
    public boolean promotesProducts() { return "PRODUCTS".equals(promotes); }

    /** The request does not say what the message promotes. */
    public boolean promotesUnstated() { return promotes == null; }
    public Boolean getSolicited() { return solicited; }

    /** The message is stated to promote charitable aims, fundraising or campaigning (absent reads as products). */
    public boolean isCharitablePurpose() { return "CHARITABLE_PURPOSE".equals(promotes); }
}
