package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Replaced rulesets are released: after many compile-evaluate-close cycles no closed ruleset stays reachable. */
class RulesetReleaseTest {
    @Test
    void closedRulesetsAreGarbageCollected() throws Exception {
        RulesetCompiler compiler = new RulesetCompiler(2);
        List<WeakReference<Ruleset>> released = new ArrayList<>();
        Evaluator evaluator = Evaluator.withEmptyLookups();
        var storage = evaluator.parse(new ObjectMapper().readTree(
            "{\"asOf\":\"2026-11-22T10:00:00Z\",\"step\":\"STORAGE\",\"prospect\":{\"ref\":\"crm:1\",\"country\":\"GB\"}}"),
            Instant.parse("2026-11-22T10:00:00Z"));
        for (int i = 0; i < 40; i++) {
            Ruleset r = compiler.compile(Path.of("rules"));
            ResolvedFacts facts = evaluator.resolve(storage, r, null);
            evaluator.evaluate(facts, r, Map.of("policy.retention.no-engagement-months", "12"));   // a session outside the pool
            evaluator.evaluate(facts, r);
            r.close();
            released.add(new WeakReference<>(r));
        }
        for (int i = 0; i < 20 && released.stream().anyMatch(w -> w.get() != null); i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertEquals(0, released.stream().filter(w -> w.get() != null).count(), "closed rulesets still reachable");
    }
}
