package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.conformance.Coverage;
import dev.outreachpolicy.engine.conformance.EngineFixtureEvaluator;
import dev.outreachpolicy.engine.conformance.FixtureException;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.conformance.FixtureResult;
import dev.outreachpolicy.engine.conformance.FixtureRunner;

import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.engine.rules.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fixture coverage of the ruleset that serves, for the legal page: the fixtures folder replayed through the engine
 * once per ruleset version (in memory, nothing recorded), kept until the next version.
 */
@ApplicationScoped
public class ServedCoverage {
    /** A replay of the fixtures: results and coverage, or why it could not run. */
    public record Snapshot(String version, List<FixtureResult> results, Coverage coverage, String error) {
        public long passed() { return results.stream().filter(FixtureResult::passed).count(); }

        public long failed() { return results.size() - passed(); }
    }

    private final ActiveRuleset active;
    private final Path fixtures;
    private volatile Snapshot last;

    @Inject
    public ServedCoverage(ActiveRuleset active, @ConfigProperty(name = "policy.fixtures-dir", defaultValue = "fixtures") String fixtures) {
        this.active = active;
        this.fixtures = Path.of(fixtures);
    }

    public synchronized Snapshot current() {
        Snapshot s = last;
        if (s != null && s.version().equals(active.get().version())) {
            return s;
        }
        try (HeldRuleset held = active.hold()) {
            Ruleset r = held.ruleset();
            try {
                List<FixtureResult> results = FixtureRunner.run(FixtureLoader.load(fixtures), new EngineFixtureEvaluator(r));
                s = new Snapshot(r.version(), results, Coverage.of(r.catalogue(), results), null);
            } catch (FixtureException e) {
                s = new Snapshot(r.version(), List.of(), null, e.getMessage());
            }
        }
        last = s;
        return s;
    }
}
