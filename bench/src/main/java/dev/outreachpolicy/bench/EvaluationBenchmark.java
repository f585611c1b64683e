package dev.outreachpolicy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.facts.AsOf;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process evaluation of one decision through the project's whole ruleset: a pooled stateful session (what the
 * service does) against a new session per call, and the full path from JSON to answer without the store.
 * Requests: the contract's example (UK e-mail under LI) and a UK live call (TPS screening).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark {
    @Param({"contract-example", "uk-call"})
    public String request;

    private Ruleset ruleset;
    private JsonNode body;
    private AsOf asOf;
    private List<Object> facts;
    private Evaluator evaluator;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path root = Path.of(System.getProperty("policy.root", ".."));
        ruleset = new RulesetCompiler().compile(root.resolve("rules"));
        body = new ObjectMapper().readTree(Files.readString(root.resolve("bench/requests/" + request + ".json")));
        evaluator = Evaluator.withEmptyLookups();
        ResolvedFacts resolved = evaluator.resolve(evaluator.parse(body, Instant.now()), ruleset, null);
        asOf = resolved.asOf();
        facts = resolved.forRules();
        Evaluation check = ruleset.evaluate(asOf, facts);
        if (check.trace().size() < 5) {
            throw new IllegalStateException("the benchmark request fires too few rules: " + check.trace());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() { ruleset.close(); }

    /** What the service does: borrow a pooled session, evaluate, empty it, give it back. */
    @Benchmark
    public Evaluation pooledSession() { return ruleset.evaluate(asOf, facts); }

    /** The alternative the pool replaces: a new session for each evaluation. */
    @Benchmark
    public Evaluation newSessionPerCall() { return ruleset.evaluateOnNewSession(asOf, facts); }

    /** The service's pipeline without the store: parse the JSON request, resolve its facts, evaluate on a pooled session. */
    @Benchmark
    public Evaluation parseResolveEvaluate() {
        return evaluator.evaluate(body, Instant.now(), ruleset);
    }
}
