package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.Ruleset;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The ruleset one evaluation runs on (a decision, a batch, a plan, a chunk of a stream, a fixture run), held until
 * closed: a reload that replaces it meanwhile does not release it, and the last evaluation to let go of a replaced
 * ruleset releases it. Held for the whole evaluation, so that every answer of one call comes from one version.
 */
public final class HeldRuleset implements AutoCloseable {
    private final RulesetHolds holds;
    private final AtomicBoolean closed = new AtomicBoolean();

    HeldRuleset(RulesetHolds holds) {
        this.holds = holds;
    }

    public Ruleset ruleset() { return holds.ruleset(); }

    /** Lets go of the ruleset (once; closing again does nothing). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            holds.letGo();
        }
    }
}
