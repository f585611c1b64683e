package dev.outreachpolicy.facts;

/** Art. 6(1)(c): the specific provision of EU or member-state law that obliges the processing. */
public final class LegalObligation {
    private final String law;

    public LegalObligation(String law) { this.law = law; }

    public String getLaw() { return law; }

    public boolean isLawNamed() { return law != null && !law.isBlank(); }
}
