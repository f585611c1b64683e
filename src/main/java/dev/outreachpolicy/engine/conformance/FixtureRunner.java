package dev.outreachpolicy.engine.conformance;

import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/** Replays fixtures through an evaluator and collects the results; a case that throws fails with the error. */
public final class FixtureRunner {
    private FixtureRunner() { }

    public static List<FixtureResult> run(List<Fixture> fixtures, FixtureEvaluator evaluator) {
        List<FixtureResult> results = new ArrayList<>();
        for (Fixture f : fixtures) {
            long t0 = System.nanoTime();
            try {
                Evaluation e = evaluator.evaluate(f);
                results.add(new FixtureResult(f, e, Expectations.check(f.expect(), e), System.nanoTime() - t0));
            } catch (InvalidInputException e) {
                results.add(new FixtureResult(f, null, List.of("the request is invalid: " + e.errors()), System.nanoTime() - t0));
            } catch (Exception e) {
                results.add(new FixtureResult(f, null, List.of("could not run: " + e), System.nanoTime() - t0));
            }
        }
        return results;
    }
}
