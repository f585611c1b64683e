package dev.outreachpolicy.engine.facts;

/** Inserted by the scope rules: this regime applies to the request. Judging rules match on it. */
public final class InScope {
    private final String regime;

    public InScope(String regime) { this.regime = regime; }

    public String getRegime() { return regime; }

    @Override
    public boolean equals(Object o) { return o instanceof InScope other && other.regime.equals(regime); }

    @Override
    public int hashCode() { return regime.hashCode(); }

    @Override
    public String toString() { return "InScope[" + regime + "]"; }
}
