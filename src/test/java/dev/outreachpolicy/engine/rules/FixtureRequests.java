package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of the fixtures that run on a pooled session as they are: those that override no policy setting
 * (those run on a session of their own) and need no setup to resolve (a registered assessment), with their facts.
 */
record FixtureRequests(Fixture fixture, ResolvedFacts facts) {

    static List<FixtureRequests> resolvable(Ruleset ruleset) throws Exception {
        Evaluator evaluator = Evaluator.withEmptyLookups();
        List<FixtureRequests> out = new ArrayList<>();
        for (Fixture f : FixtureLoader.load(Path.of("fixtures"))) {
            if (!f.policy().isEmpty()) {
                continue;
            }
            try {
                out.add(new FixtureRequests(f, evaluator.resolve(evaluator.parse(f.request(), Instant.now()), ruleset, null)));
            } catch (RuntimeException e) {
                // needs its setup to resolve
            }
        }
        return out;
    }
}
