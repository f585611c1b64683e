package dev.outreachpolicy.engine.facts;

/** How the step decides about the person (Art. 22): solely by machine, with a significant effect, and the safeguards. */
public final class Automation {
    private final Boolean solelyAutomated;
    private final Boolean significantEffect;
    private final Boolean humanReview;
    private final Boolean explanationAvailable;

    public Automation(Boolean solelyAutomated, Boolean significantEffect, Boolean humanReview, Boolean explanationAvailable) {
        this.solelyAutomated = solelyAutomated;
        this.significantEffect = significantEffect;
        this.humanReview = humanReview;
        this.explanationAvailable = explanationAvailable;
    }

    public Boolean getSolelyAutomated() { return solelyAutomated; }
    public Boolean getSignificantEffect() { return significantEffect; }
    public Boolean getHumanReview() { return humanReview; }
    public Boolean getExplanationAvailable() { return explanationAvailable; }

    public boolean isSolelyAutomatedWithSignificantEffect() {
        return Boolean.TRUE.equals(solelyAutomated) && Boolean.TRUE.equals(significantEffect);
    }
}
