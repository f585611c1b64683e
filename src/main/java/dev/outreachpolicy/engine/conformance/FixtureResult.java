package dev.outreachpolicy.engine.conformance;

import dev.outreachpolicy.engine.verdict.Evaluation;
import java.util.List;

/** How one case went: the evaluation (null when it could not run) and every expectation that failed. */
public record FixtureResult(Fixture fixture, Evaluation evaluation, List<String> failures, long nanos) {

    public boolean passed() { return failures.isEmpty(); }
}
