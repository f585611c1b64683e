package dev.outreachpolicy.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request evaluated on the smaller network of its regimes gets exactly the answer of the whole ruleset: the same
 * outcome, regimes, reasons, obligations, missing facts, validity and the same trace in the same order. Checked on
 * the request of every fixture, each on the partition of the regimes the whole ruleset found for it.
 */
class RegimePartitionsTest {
    private static Ruleset ruleset;

    @BeforeAll
    static void compile() throws Exception {
        ruleset = new RulesetCompiler(2).compile(Path.of("rules"));
    }

    @AfterAll
    static void close() { ruleset.close(); }

    @Test
    void everyFixtureRequestGetsTheSameAnswerOnItsPartition() throws Exception {
        RegimePartitions partitions = ruleset.partitions();
        assertNotNull(partitions);
        Map<Set<String>, RegimePartitions.Partition> built = new HashMap<>();
        StringBuilder differences = new StringBuilder();
        int compared = 0;
        for (FixtureRequests request : FixtureRequests.resolvable(ruleset)) {
            Fixture f = request.fixture();
            ResolvedFacts facts = request.facts();
            Ruleset.Run whole = ruleset.runWhole(facts.asOf(), facts.forRules());
            RegimePartitions.Partition p = built.computeIfAbsent(Set.copyOf(whole.inScope()), partitions::build);
            Ruleset.Run part = ruleset.runOn(p, facts.asOf(), facts.forRules());
            compared++;
            if (!whole.evaluation().equals(part.evaluation()) || !Set.copyOf(whole.inScope()).equals(Set.copyOf(part.inScope()))) {
                differences.append("\n  fixtures/").append(f.path()).append(":\n    whole:     ").append(whole.evaluation())
                    .append("\n    partition: ").append(part.evaluation());
            }
        }
        assertTrue(compared > 300, "compared only " + compared + " fixtures");
        assertEquals("", differences.toString(), "answers that differ on a partition:");
    }

    @Test
    void aPartitionLeavesOutTheRulesOfOtherRegimes() {
        RegimePartitions partitions = ruleset.partitions();
        int all = ruleset.catalogue().size();
        int ccpa = partitions.ruleCount(Set.of("CCPA"));
        int uk = partitions.ruleCount(Set.of("UK_GDPR", "UK_PECR"));
        assertTrue(ccpa < all / 2, "CCPA partition holds " + ccpa + " of " + all);
        assertTrue(uk < all, "UK partition holds " + uk + " of " + all);
        assertTrue(partitions.ruleCount(Set.of("NONE")) >= 16, "the scope rules are in every partition");
    }

    @Test
    void aWrongGuessFallsBackToTheWholeRuleset() throws Exception {
        Evaluator evaluator = Evaluator.withEmptyLookups();
        List<Fixture> fixtures = FixtureLoader.load(Path.of("fixtures"));
        Fixture uk = fixtures.stream().filter(f -> f.path().equals("uk/pecr-calls/tps-screened-2-days-ago-clean-permitted.yaml"))
            .findFirst().orElseThrow();
        ResolvedFacts facts = evaluator.resolve(evaluator.parse(uk.request(), Instant.now()), ruleset, null);
        Ruleset.Run whole = ruleset.runWhole(facts.asOf(), facts.forRules());
        // A partition of an unrelated regime misses the UK rules: its run finds regimes outside its set,
        // which is what makes Ruleset.evaluate (with partitions switched on) discard it and evaluate on the whole ruleset.
        RegimePartitions.Partition wrong = ruleset.partitions().build(Set.of("CCPA"));
        Ruleset.Run part = ruleset.runOn(wrong, facts.asOf(), facts.forRules());
        assertTrue(!wrong.regimes().containsAll(part.inScope()), "the scope rules still find " + part.inScope());
        assertEquals(whole.evaluation(), ruleset.evaluate(facts.asOf(), facts.forRules()));
    }
}
