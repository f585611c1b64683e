package dev.outreachpolicy.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import java.nio.file.Path;
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
        List<FixtureRequests> requests = FixtureRequests.resolvable(ruleset);
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
            ResolvedFacts r = requests.get(i).facts();
            var fresh = ruleset.evaluateOnNewSession(r.asOf(), r.forRules());
            var pooled = ruleset.evaluate(r.asOf(), r.forRules());
            if (!fresh.equals(pooled)) {
                differences.append("\n  fixtures/").append(requests.get(i).fixture().path()).append(":\n    new session: ").append(fresh)
                    .append("\n    pooled:      ").append(pooled);
            }
        }
        assertEquals("", differences.toString(), "answers that depend on the request evaluated before:");
    }
}
