package dev.outreachpolicy.engine.facts;

/**
 * Inserted by an exclusion rule: the duties of a regime's provision do not apply to this request
 * ({@code casl.excluded.*}: s. 6 of CASL does not apply). The rules of that provision match {@code not Exclusion(...)}.
 * Exclusion rules run with a salience above the judging rules, so the fact is there before those are considered.
 */
public final class Exclusion {
    private final String regime;
    private final String rule;

    public Exclusion(String regime, String rule) {
        this.regime = regime;
        this.rule = rule;
    }

    public String getRegime() { return regime; }

    /** The id of the rule that excluded. */
    public String getRule() { return rule; }

    @Override
    public boolean equals(Object o) { return o instanceof Exclusion other && other.regime.equals(regime) && other.rule.equals(rule); }

    @Override
    public int hashCode() { return regime.hashCode() * 31 + rule.hashCode(); }

    @Override
    public String toString() { return "Exclusion[" + regime + ", " + rule + "]"; }
}
