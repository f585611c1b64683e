package dev.outreachpolicy.impact;

import dev.outreachpolicy.audit.RecordReader;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import dev.outreachpolicy.engine.rules.RulesetException;
import java.nio.file.Path;
import java.time.Instant;

/** Compiles a candidate rules folder and replays the recorded decisions of a window through it. */
public final class ImpactRunner {
    private ImpactRunner() { }

    public static ImpactReport run(RecordReader records, Path candidateFolder, String candidateName, Instant from, Instant to)
        throws RulesetException {
        try (Ruleset candidate = new RulesetCompiler(2).compile(candidateFolder)) {
            ImpactAnalysis analysis = new ImpactAnalysis(candidate, candidateName, from, to);
            records.window(from, to, analysis::accept);
            return analysis.report();
        }
    }
}
