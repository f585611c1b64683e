package dev.outreachpolicy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.facts.AsOf;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
 * Requests: the contract's example (UK e-mail under LI), a UK live call (TPS screening), and {@code mix}: an
 * everyday case of each regime taken from the fixtures ({@link #MIX}), evaluated in turn, one per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EvaluationBenchmark {
    /** The mix: fixture cases (paths under fixtures/) that need no setup, across the regimes the service judges. */
    static final List<String> MIX = List.of(
        "uk/pecr-email/individual-with-email-consent-permitted.yaml",          // UK e-mail, PECR consent
        "uk/pecr-calls/tps-screened-2-days-ago-clean-permitted.yaml",          // UK live call, TPS screened
        "eu/gdpr-basis/public-data-with-passed-lia-info-only.yaml",            // EU enrichment under LI
        "eu/gdpr-basis/basis-required-no-basis-for-enrichment-in-the-eu.yaml", // EU enrichment, no basis: DENY
        "eu/gdpr-automated-decisions/eu-scoring-solely-automated-significant-review.yaml", // EU scoring, Art. 22
        "us/can-spam/compliant-commercial-email-permitted-with-duties.yaml",   // US e-mail, CAN-SPAM
        "ca/casl/express-consent-permitted-without-expiry.yaml",               // CA e-mail, CASL
        "us/ccpa/collection-2026-notice-at-collection.yaml",                   // CCPA collection
        "us/wa-cema/compliant-email-permitted.yaml");                          // WA CEMA e-mail

    @Param({"contract-example", "uk-call", "mix"})
    public String request;

    private Ruleset ruleset;
    private Evaluator evaluator;
    private JsonNode[] bodies;
    private AsOf[] asOfs;
    private List<Object>[] factLists;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path root = Path.of(System.getProperty("policy.root", ".."));
        ruleset = new RulesetCompiler().compile(root.resolve("rules"));
        evaluator = Evaluator.withEmptyLookups();
        List<JsonNode> requests = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        if (request.equals("mix")) {
            List<Fixture> all = FixtureLoader.load(root.resolve("fixtures"));
            for (String path : MIX) {
                Fixture f = all.stream().filter(c -> c.path().equals(path)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no fixture " + path));
                requests.add(f.request());
                outcomes.add(f.expect().outcome());
            }
        } else {
            requests.add(new ObjectMapper().readTree(Files.readString(root.resolve("bench/requests/" + request + ".json"))));
        }
        int n = requests.size();
        bodies = requests.toArray(new JsonNode[0]);
        asOfs = new AsOf[n];
        @SuppressWarnings("unchecked")
        List<Object>[] lists = new List[n];
        factLists = lists;
        for (int i = 0; i < n; i++) {
            ResolvedFacts resolved = evaluator.resolve(evaluator.parse(bodies[i], Instant.now()), ruleset, null);
            asOfs[i] = resolved.asOf();
            factLists[i] = resolved.forRules();
            Evaluation check = ruleset.evaluate(asOfs[i], factLists[i]);
            if (check.trace().size() < 2) {
                throw new IllegalStateException("a benchmark request fires too few rules: " + check.trace());
            }
            if (i < outcomes.size() && !check.outcome().name().equals(outcomes.get(i))) {
                throw new IllegalStateException(MIX.get(i) + ": " + check.outcome() + ", its fixture expects " + outcomes.get(i));
            }
        }
    }

    /** The request this invocation evaluates: always the one, or the next of the mix in turn. */
    private int pick() {
        int i = next;
        next = i + 1 == bodies.length ? 0 : i + 1;
        return i;
    }

    @TearDown(Level.Trial)
    public void tearDown() { ruleset.close(); }

    /** What the service does: borrow a pooled session, evaluate, empty it, give it back. */
    @Benchmark
    public Evaluation pooledSession() {
        int i = pick();
        return ruleset.evaluate(asOfs[i], factLists[i]);
    }

    /** The alternative the pool replaces: a new session for each evaluation. */
    @Benchmark
    public Evaluation newSessionPerCall() {
        int i = pick();
        return ruleset.evaluateOnNewSession(asOfs[i], factLists[i]);
    }

    /** The service's pipeline without the store: parse the JSON request, resolve its facts, evaluate on a pooled session. */
    @Benchmark
    public Evaluation parseResolveEvaluate() {
        return evaluator.evaluate(bodies[pick()], Instant.now(), ruleset);
    }
}
