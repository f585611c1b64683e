package dev.outreachpolicy.cli;

import dev.outreachpolicy.engine.conformance.Coverage;
import dev.outreachpolicy.engine.conformance.EngineFixtureEvaluator;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureException;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.conformance.FixtureResult;
import dev.outreachpolicy.engine.conformance.FixtureRunner;
import dev.outreachpolicy.engine.conformance.JUnitReport;
import dev.outreachpolicy.engine.rules.RuleError;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import dev.outreachpolicy.engine.rules.RulesetException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line a legal team runs on its own rules repository, with no server and no database:
 * <pre>
 *   check [RULES_DIR]                                  compile and lint; every problem as file:line:column: message
 *   test  [RULES_DIR] [FIXTURES_DIR] [--junit FILE]    replay the fixtures, print rule coverage, write JUnit XML
 *   impact CANDIDATE_DIR [--from T] [--to T] [--json FILE]   recorded decisions the candidate would change
 *   impact --url URL (--revision REV | --candidate NAME) [--key KEY] [--from T] [--to T] [--json FILE]
 *   impact [RULES_DIR] --assessment ID --draft FILE [...]    recorded decisions a new version of an assessment would change
 *   verify                                             check the hash chains of the decision records
 * </pre>
 * {@code check} and {@code test} need no server and no database. {@code impact} with a folder reads the decision
 * records: from {@code QUARKUS_DATASOURCE_JDBC_URL}, or the embedded store under {@code POLICY_DATA_DIR} while no
 * service runs on it. With {@code --url} it asks a running service instead ({@code POST /v1/impact}), with a legal
 * key ({@code --key} or {@code POLICY_API_KEY}): the candidate is a git revision of the service's rules repository
 * or a folder under its candidates folder.
 * Exit codes: 0 all good (impact: no decision would change); 1 a fixture failed or a rule is not covered, or impact
 * could not run (store, service or revision unavailable); 2 the rules do not compile; 3 impact: some decisions would
 * change; 4 verify: a record was edited, inserted or deleted; 64 usage.
 */
public final class PolicyCli {
    public static final List<String> COMMANDS = List.of("check", "test", "impact", "verify");

    private final PrintStream out;
    private final PrintStream err;

    public PolicyCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PolicyCli(System.out, System.err).run(args));
    }

    public int run(String[] args) {
        if (args.length == 0 || !COMMANDS.contains(args[0])) {
            return usage();
        }
        List<String> positional = new ArrayList<>();
        Path junit = null;
        Path jsonOut = null;
        String from = null;
        String to = null;
        String url = null;
        String key = null;
        String revision = null;
        String candidate = null;
        String assessment = null;
        Path draft = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--junit") && i + 1 < args.length) {
                junit = Path.of(args[++i]);
            } else if (args[i].equals("--json") && i + 1 < args.length) {
                jsonOut = Path.of(args[++i]);
            } else if (args[i].equals("--from") && i + 1 < args.length) {
                from = args[++i];
            } else if (args[i].equals("--to") && i + 1 < args.length) {
                to = args[++i];
            } else if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i];
            } else if (args[i].equals("--key") && i + 1 < args.length) {
                key = args[++i];
            } else if (args[i].equals("--revision") && i + 1 < args.length) {
                revision = args[++i];
            } else if (args[i].equals("--candidate") && i + 1 < args.length) {
                candidate = args[++i];
            } else if (args[i].equals("--assessment") && i + 1 < args.length) {
                assessment = args[++i];
            } else if (args[i].equals("--draft") && i + 1 < args.length) {
                draft = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                return usage();
            } else {
                positional.add(args[i]);
            }
        }
        if (args[0].equals("verify")) {
            return positional.isEmpty() ? new VerifyCommand(out, err).run() : usage();
        }
        if (args[0].equals("impact") && url != null) {
            if (!positional.isEmpty() || (revision == null) == (candidate == null)) {
                return usage();
            }
            String apiKey = key != null ? key : System.getenv("POLICY_API_KEY");
            return new ImpactCommand(out, err).remote(url, apiKey, revision, candidate, from, to, jsonOut);
        }
        if (args[0].equals("impact") && (assessment != null || draft != null)) {
            if (assessment == null || draft == null || positional.size() > 1) {
                return usage();
            }
            Path rulesDir = Path.of(positional.isEmpty() ? env("POLICY_RULES_DIR", "rules") : positional.get(0));
            return new ImpactCommand(out, err).runDraft(rulesDir, assessment, draft, from, to, jsonOut);
        }
        if (args[0].equals("impact")) {
            if (positional.size() != 1) {
                return usage();
            }
            return new ImpactCommand(out, err).run(Path.of(positional.get(0)), from, to, jsonOut);
        }
        Path rules = Path.of(positional.size() > 0 ? positional.get(0) : env("POLICY_RULES_DIR", "rules"));
        Ruleset ruleset;
        try {
            ruleset = new RulesetCompiler(1).compile(rules);
        } catch (RulesetException e) {
            for (RuleError error : e.errors()) {
                err.println(error);
            }
            err.println("check: " + e.errors().size() + " error(s); the ruleset does not load");
            return 2;
        }
        try (ruleset) {
            if (args[0].equals("check")) {
                out.println("check: ok: " + ruleset.catalogue().size() + " rules in "
                    + ruleset.source().files().stream().filter(f -> f.isRules()).count() + " files, version " + ruleset.version());
                return 0;
            }
            Path fixtures = Path.of(positional.size() > 1 ? positional.get(1) : "fixtures");
            return test(ruleset, fixtures, junit);
        }
    }

    private int test(Ruleset ruleset, Path fixturesDir, Path junit) {
        List<Fixture> fixtures;
        try {
            fixtures = FixtureLoader.load(fixturesDir);
        } catch (FixtureException e) {
            err.println(e.getMessage());
            return 1;
        }
        List<FixtureResult> results = FixtureRunner.run(fixtures, new EngineFixtureEvaluator(ruleset));
        Coverage coverage = Coverage.of(ruleset.catalogue(), results);
        int failed = 0;
        for (FixtureResult r : results) {
            if (!r.passed()) {
                failed++;
                for (String f : r.failures()) {
                    out.println("FAIL " + fixturesDir.resolve(r.fixture().path()) + ": " + f);
                }
            }
        }
        out.print(coverage.report());
        if (junit != null) {
            try {
                JUnitReport.write(junit, "fixtures", results, coverage);
                out.println("JUnit XML written to " + junit);
            } catch (java.io.IOException e) {
                err.println("cannot write " + junit + ": " + e.getMessage());
                return 1;
            }
        }
        int gaps = coverage.gaps().size();
        out.println("fixtures: " + (results.size() - failed) + " passed, " + failed + " failed; rules: "
            + coverage.firedCount() + "/" + coverage.rules().size() + " fired, " + gaps + " coverage gap(s)");
        return failed == 0 && gaps == 0 ? 0 : 1;
    }

    private int usage() {
        err.println("usage: check [RULES_DIR]");
        err.println("       test  [RULES_DIR] [FIXTURES_DIR] [--junit FILE]");
        err.println("       impact CANDIDATE_DIR [--from 2026-11-01] [--to 2026-11-23] [--json FILE]");
        err.println("       impact --url http://127.0.0.1:8080 (--revision BRANCH | --candidate NAME) [--key KEY] [--from …] [--to …] [--json FILE]");
        err.println("       impact [RULES_DIR] --assessment asm_... --draft VERSION.json [--from T] [--to T] [--json FILE]");
        err.println("       verify");
        return 64;
    }

    static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
