package dev.outreachpolicy.engine.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays every fixture of {@code fixtures/} through the rules of {@code rules/} in-process, prints rule coverage
 * per file and writes {@code target/fixture-reports/engine-fixtures.xml}. The build fails when an expectation
 * fails or when a rule is fired by no fixture or lacks a fixture that fires it and one where it stops.
 */
class FixtureReplayTest {
    private static Ruleset ruleset;
    private static List<FixtureResult> results;
    private static Coverage coverage;

    @BeforeAll
    static void replay() throws Exception {
        ruleset = new RulesetCompiler(2).compile(Path.of("rules"));
        List<Fixture> fixtures = FixtureLoader.load(Path.of("fixtures"));
        results = FixtureRunner.run(fixtures, new EngineFixtureEvaluator(ruleset));
        coverage = Coverage.of(ruleset.catalogue(), results);
        System.out.print(coverage.report());
        JUnitReport.write(Path.of("target/fixture-reports/engine-fixtures.xml"), "engine-fixtures", results, coverage);
    }

    @AfterAll
    static void close() {
        ruleset.close();
    }

    @Test
    void everyFixtureHoldsThroughTheEngine() {
        StringBuilder failures = new StringBuilder();
        for (FixtureResult r : results) {
            for (String f : r.failures()) {
                failures.append("\n  fixtures/").append(r.fixture().path()).append(": ").append(f);
            }
        }
        assertTrue(results.size() > 0, "no fixture found");
        assertEquals("", failures.toString(), "fixtures failed:");
    }

    @Test
    void everyRuleIsFiredAndBoundedByAFixture() {
        StringBuilder gaps = new StringBuilder();
        for (Coverage.RuleCoverage c : coverage.gaps()) {
            gaps.append("\n  ").append(c.rule().file()).append(':').append(c.rule().line()).append(" \"").append(c.rule().name())
                .append("\" fired by ").append(c.fired()).append(", in fires of ").append(c.expectedToFire())
                .append(", in notFires of ").append(c.expectedNotToFire());
        }
        assertEquals("", gaps.toString(), "rules without full fixture coverage:");
    }
}
