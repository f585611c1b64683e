package dev.outreachpolicy.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pooled session is emptied after each evaluation and lent again: whatever came before,
 * each request gets exactly the answer a new session gives it (outcome, regimes, reasons, obligations, missing facts,
 * validity, the trace in order). Checked on the requests of every fixture, evaluated one after the other on one pooled
 * session, in file order and then shuffled.
 */
class PooledSessionTest {
    private static Ruleset ruleset;

    @BeforeAll
    static void compile() throws Exception {
        ruleset = new RulesetCompiler(1).compile(Path.of("rules"));
    }

    @AfterAll
    static void close() { ruleset.close(); }

    @Test
    void everyRequestGetsTheAnswerOfANewSessionWhateverCameBefore() throws Exception {
        Evaluator evaluator = Evaluator.withEmptyLookups();
        List<ResolvedFacts> requests = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Fixture f : FixtureLoader.load(Path.of("fixtures"))) {
            if (!f.policy().isEmpty()) {
                continue;      // a fixture that overrides policy settings runs on a session of its own
            }
            try {
                requests.add(evaluator.resolve(evaluator.parse(f.request(), Instant.now()), ruleset, null));
                names.add(f.path());
            } catch (RuntimeException e) {
                // needs its setup (a registered assessment) to resolve
            }
        }
        assertTrue(requests.size() > 300, "only " + requests.size() + " requests");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            order.add(i);
        }
        List<Integer> shuffled = new ArrayList<>(order);
        Collections.shuffle(shuffled, new Random(20261203));
        order.addAll(shuffled);
        StringBuilder differences = new StringBuilder();
        for (int i : order) {
            ResolvedFacts r = requests.get(i);
            var fresh = ruleset.evaluateOnNewSession(r.asOf(), r.forRules());
            var pooled = ruleset.evaluate(r.asOf(), r.forRules());
            if (!fresh.equals(pooled)) {
                differences.append("\n  fixtures/").append(names.get(i)).append(":\n    new session: ").append(fresh)
                    .append("\n    pooled:      ").append(pooled);
            }
        }
        assertEquals("", differences.toString(), "answers that depend on the request evaluated before:");
    }
}
