package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.Ruleset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Who holds one compiled ruleset: one hold while it serves, and one per evaluation running on it ({@link HeldRuleset}).
 * When the last hold is let go (the ruleset was replaced and its last evaluation is over) it is released, once; a
 * released ruleset can no longer be held, so an evaluation that comes too late takes the one serving instead.
 */
final class RulesetHolds {
    private final Ruleset ruleset;
    private final Consumer<Ruleset> release;
    private final AtomicInteger holds = new AtomicInteger(1);

    /** @param release what is done with the ruleset once nothing holds it */
    RulesetHolds(Ruleset ruleset, Consumer<Ruleset> release) {
        this.ruleset = ruleset;
        this.release = release;
    }

    Ruleset ruleset() { return ruleset; }

    /** One more hold, unless the ruleset was released already. */
    boolean tryHold() {
        while (true) {
            int n = holds.get();
            if (n == 0) {
                return false;
            }
            if (holds.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    void letGo() {
        if (holds.decrementAndGet() == 0) {
            release.accept(ruleset);
        }
    }
}
