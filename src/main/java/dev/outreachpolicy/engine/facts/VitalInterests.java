package dev.outreachpolicy.engine.facts;

/** Art. 6(1)(d): whether a life is at risk. */
public final class VitalInterests {
    private final Boolean lifeAtRisk;

    public VitalInterests(Boolean lifeAtRisk) { this.lifeAtRisk = lifeAtRisk; }

    public Boolean getLifeAtRisk() { return lifeAtRisk; }
}
