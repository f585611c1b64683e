package dev.outreachpolicy.engine.conformance;

import dev.outreachpolicy.engine.verdict.Evaluation;

/** Runs one fixture: through the engine in-process, or through the HTTP API of a running service. */
@FunctionalInterface
public interface FixtureEvaluator {
    Evaluation evaluate(Fixture fixture) throws Exception;
}
