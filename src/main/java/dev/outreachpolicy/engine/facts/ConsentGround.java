package dev.outreachpolicy.engine.facts;

/**
 * Inserted by a rule that finds a ground of consent for a regime ({@code casl.express-consent},
 * {@code casl.implied.ebr-purchase}, …): the permission is found once, by the rule that grants it, and the rule that
 * denies for want of consent matches {@code not ConsentGround(...)} instead of restating every ground. The granting
 * rules run with a salience above the denying rule, so the fact is there before that rule is considered.
 */
public final class ConsentGround {
    private final String regime;
    private final String rule;

    public ConsentGround(String regime, String rule) {
        this.regime = regime;
        this.rule = rule;
    }

    public String getRegime() { return regime; }

    /** The id of the rule that found the ground. */
    public String getRule() { return rule; }

    @Override
    public boolean equals(Object o) { return o instanceof ConsentGround other && other.regime.equals(regime) && other.rule.equals(rule); }

    @Override
    public int hashCode() { return regime.hashCode() * 31 + rule.hashCode(); }

    @Override
    public String toString() { return "ConsentGround[" + regime + ", " + rule + "]"; }
}
