package dev.outreachpolicy.engine.facts;

/** The legal bases the controller relies on: the Art. 6 basis and, for special data, the Art. 9(2) exemption. */
public final class Basis {
    private final String article6;
    private final String article9;
    private final String liaRef;
    private final String consentRef;
    private Lia registeredLia;
    private Consent registeredConsent;

    public Basis(String article6, String article9) {
        this(article6, article9, null, null);
    }

    /** @param liaRef, consentRef the ids of a registered assessment and consent receipt the request names, or null */
    public Basis(String article6, String article9, String liaRef, String consentRef) {
        this.article6 = article6;
        this.article9 = article9;
        this.liaRef = liaRef;
        this.consentRef = consentRef;
    }

    public String getArticle6() { return article6; }
    public String getArticle9() { return article9; }
    public String getLiaRef() { return liaRef; }
    public String getConsentRef() { return consentRef; }

    /**
     * What the registers gave for this request (set once by the fact resolver, as the prospect's location is): the
     * version of the assessment in force at {@code asOf}, and the consent receipt relied on; null when none.
     */
    public void setRegistered(Lia lia, Consent consent) {
        this.registeredLia = lia;
        this.registeredConsent = consent;
    }

    public Lia getRegisteredLia() { return registeredLia; }
    public Consent getRegisteredConsent() { return registeredConsent; }

    /** For the reason that asks for an LIA: names a {@code liaRef} that had no version in force at {@code asOf}. */
    public String liaRefNote() {
        return liaRef == null || registeredLia != null ? ""
            : " The assessment " + liaRef + " has no version assessed on or before asOf.";
    }
}
