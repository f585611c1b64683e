package dev.outreachpolicy.engine.facts;

/**
 * Art. 6(1)(c): the specific provision of EU or member-state law that obliges the processing, and (contract v1.1)
 * where the obligation comes from: STATUTE, SECONDARY_LEGISLATION, COMMON_LAW or CONTRACT ({@code null}: not stated).
 */
public final class LegalObligation {
    private final String law;
    private final String source;

    public LegalObligation(String law) { this(law, null); }

    public LegalObligation(String law, String source) {
        this.law = law;
        this.source = source;
    }

    public String getLaw() { return law; }

    public String getSource() { return source; }

    public boolean isLawNamed() { return law != null && !law.isBlank(); }

    /** The obligation is stated to come from a contract, which is no legal obligation (Art. 6(3); ICO). */
    public boolean isFromContract() { return "CONTRACT".equals(source); }
}
