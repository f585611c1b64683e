package dev.outreachpolicy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell block of the README, as written, on a fresh copy of the repository. The tracked files are copied into a
 * temporary folder made a git repository of its own (the rules' git history is part of the walkthrough), the packaged
 * service is started there as the README says ({@code java -jar target/quarkus-app/quarkus-run.jar}, on its embedded
 * store, {@code QUARKUS_HTTP_PORT} set to a free port, for which {@code localhost:8080} stands), and each block runs in
 * one bash, command by command, in README order. A command must exit as the README says (0 unless listed in
 * {@link #EXIT_CODES}); the answer it shows ({@code # …} lines, or a {@code json} block right after) must match: every
 * JSON field name shown is in the answer, and every plain line shown (up to a {@code …}) is in the output.
 *
 * <p>A block that cannot run in a test is listed in {@link #NOT_RUN} with the reason; a block neither run nor listed
 * fails the test, and so does a listed block that is no longer in the README. A command that starts the service (an
 * assignment or two, then {@code java -jar target/quarkus-app/quarkus-run.jar}) is run as the README says, in place of
 * the walkthrough's service, for the rest of its block.
 */
class ReadmeIT {
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(bash|sh|shell|console)\\s*$");
    private static final Pattern SERVICE_START = Pattern.compile(
        "^((?:[A-Z_][A-Z0-9_]*=(?:'[^']*'|\"[^\"]*\"|\\S+)\\s+)*)java -jar target/quarkus-app/quarkus-run\\.jar\\s*$");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Z_][A-Z0-9_]*)=(?:'([^']*)'|\"([^\"]*)\"|(\\S+))");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Blocks that cannot run in a test, by their first command, and why. */
    static final Map<String, String> NOT_RUN = Map.of(
        "./mvnw -B -DskipTests package && java -jar target/quarkus-app/quarkus-run.jar",
        "builds the project and runs this very test suite (./mvnw -B verify): this test runs on what that build packaged,"
            + " and starts the service the same way",
        "./mvnw -B -DskipTests package",
        "needs Docker (docker compose … up --build) and runs in the foreground until stopped; ComposeFileTest checks"
            + " docker/compose.yaml against the Compose Specification instead");

    /** Commands whose documented exit code is not 0, by a part of the command. */
    static final Map<String, Integer> EXIT_CODES = Map.of(
        "impact --url http://localhost:8080 --revision tps-14-days", 3); // "3 when some decisions would" change

    /** What a block needs first, by its first command: the README says it in words beside the block. */
    static final Map<String, String> SETUP = Map.of(
        "curl -s -X POST localhost:8080/v1/rulesets/reload",
        "printf '\\nrule \"broken\" when ( then end\\n' >> rules/uk/pecr-email.drl");
    /** What undoes a setup once its block ran. */
    static final Map<String, String> TEARDOWN = Map.of(
        "curl -s -X POST localhost:8080/v1/rulesets/reload",
        "git checkout -q -- rules/uk/pecr-email.drl && curl -s -X POST localhost:8080/v1/rulesets/reload > /dev/null");

    @TempDir
    Path tmp;

    /** One fenced shell block: where it starts, its commands, and what the README shows under each. */
    record Block(int line, List<ReadmeBlocks.Step> steps) {
        String first() { return steps.isEmpty() ? "" : steps.get(0).command(); }
    }


    static List<Block> blocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher fence = FENCE.matcher(readme.get(i));
            if (!fence.matches()) {
                continue;
            }
            int indent = fence.group(1).length();
            int close = i + 1;
            while (close < readme.size() && !readme.get(close).trim().equals("```")) {
                close++;
            }
            List<ReadmeBlocks.Step> steps = ReadmeBlocks.withJsonAnswer(readme, close, ReadmeBlocks.commands(readme, i, close, indent));
            blocks.add(new Block(i + 1, steps));
            i = close;
        }
        return blocks;
    }

    @Test
    void everyShellBlockOfTheReadmeRunsAsWrittenOrSaysWhyItCannot() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        List<Block> blocks = blocks(readme);
        Set<String> listed = new LinkedHashSet<>(NOT_RUN.keySet());
        for (Block b : blocks) {
            listed.remove(b.first());
        }
        assertEquals(Set.of(), listed, "blocks listed as not run that the README no longer has");
        Path clone = sandbox();
        int port = freePort();
        List<String> failures = new ArrayList<>();
        Service service = Service.start(clone, port, Map.of());
        try {
            for (Block b : blocks) {
                if (NOT_RUN.containsKey(b.first())) {
                    continue;
                }
                service = run(b, clone, port, service, failures);
            }
        } finally {
            service.stop();
        }
        assertEquals(List.of(), failures, "README commands that do not run as written");
    }

    /** Runs a block; returns the service that serves after it (a block may start its own, as the README says). */
    private Service run(Block b, Path clone, int port, Service service, List<String> failures) throws Exception {
        String setup = SETUP.get(b.first());
        if (setup != null) {
            bash(clone, port, setup);
        }
        Service walkthrough = service;
        Service own = null;
        try {
            List<ReadmeBlocks.Step> segment = new ArrayList<>();
            for (ReadmeBlocks.Step step : b.steps()) {
                Matcher start = SERVICE_START.matcher(step.command());
                if (!start.matches()) {
                    segment.add(step);
                    continue;
                }
                runSegment(segment, clone, port, failures);
                segment.clear();
                Map<String, String> env = new LinkedHashMap<>();
                Matcher a = ASSIGNMENT.matcher(start.group(1));
                while (a.find()) {
                    env.put(a.group(1), a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4));
                }
                walkthrough.stop(); // one service on one data folder, as a reader would have it
                own = Service.start(clone, port, env);
            }
            runSegment(segment, clone, port, failures);
        } finally {
            String teardown = TEARDOWN.get(b.first());
            if (teardown != null) {
                bash(clone, port, teardown);
            }
            if (own != null) {
                own.stop();
                walkthrough = Service.start(clone, port, Map.of());
            }
        }
        return walkthrough;
    }

    /**
     * Commands of one block in one bash, in order, as a reader types them into one shell (a variable set by one is read
     * by the next); each one's exit code and output are taken apart by markers.
     */
    private static void runSegment(List<ReadmeBlocks.Step> steps, Path clone, int port, List<String> failures) throws Exception {
        if (steps.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            script.append("printf '\\n@@@STEP ").append(i).append("\\n'\n").append(steps.get(i).command())
                .append("\nprintf '\\n@@@RC %d\\n' $?\n");
        }
        Result all = bash(clone, port, script.toString());
        for (int i = 0; i < steps.size(); i++) {
            ReadmeBlocks.Step step = steps.get(i);
            Matcher m = Pattern.compile("(?s)\n@@@STEP " + i + "\n(.*?)\n@@@RC (\\d+)\n").matcher(all.output());
            if (!m.find()) {
                failures.add("README line " + step.line() + " did not run: " + step.command() + "\n" + clip(all.output()));
                continue;
            }
            String output = m.group(1);
            int exit = Integer.parseInt(m.group(2));
            int expected = EXIT_CODES.entrySet().stream().filter(e -> step.command().contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(0);
            if (exit != expected) {
                failures.add("README line " + step.line() + " exited " + exit + " (documented: " + expected + "): "
                    + step.command() + "\n" + clip(output));
                continue;
            }
            String mismatch = mismatch(step.shown(), output);
            if (mismatch != null) {
                failures.add("README line " + step.line() + " shows " + mismatch + " that the answer lacks: " + step.command()
                    + "\n" + clip(output));
            }
        }
    }

    /** What the README shows that the output lacks, or null: JSON field names, and plain lines up to a "…". */
    static String mismatch(String shown, String output) {
        Set<String> fields = ReadmeBlocks.fields(shown);
        fields.removeAll(ReadmeBlocks.fields(output));
        if (!fields.isEmpty()) {
            return "the fields " + fields;
        }
        // An outcome shown is the outcome given: a walkthrough whose earlier steps change the answer must say so.
        Matcher outcome = Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z]+)\"").matcher(shown);
        if (outcome.find() && !output.replaceAll("\\s", "").contains("\"outcome\":\"" + outcome.group(1) + "\"")) {
            return "the outcome " + outcome.group(1);
        }
        String flat = output.replaceAll("\\s+", " ");
        for (String line : shown.split("\n")) {
            String l = line.trim();
            if (l.isEmpty() || l.contains("{") || l.contains("\"") || l.startsWith("…")) {
                continue;
            }
            // "…" stands for any text (a version, a count that grows with every fixture)
            String expect = l.replaceAll("\\s+", " ").trim();
            StringBuilder regex = new StringBuilder();
            for (String part : expect.split("…", -1)) {
                regex.append(regex.length() == 0 ? "" : ".*?").append(Pattern.quote(part.trim()));
            }
            if (!Pattern.compile(regex.toString()).matcher(flat).find()) {
                return "\"" + expect + "\"";
            }
        }
        return null;
    }

    record Result(int exit, String output) { }

    /** One command in bash in the copy, {@code localhost:8080} standing for the service's port. */
    private static Result bash(Path clone, int port, String command) throws Exception {
        String c = command.replace("localhost:8080", "localhost:" + port).replace("127.0.0.1:8080", "127.0.0.1:" + port);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", c).directory(clone.toFile()).redirectErrorStream(true);
        clean(pb.environment());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "did not finish in 180 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A reader's shell: none of the test run's own settings; a git identity, as a reader's machine has one. */
    private static void clean(Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("POLICY_") || k.startsWith("GIT_"));
        env.put("GIT_AUTHOR_NAME", "README reader");
        env.put("GIT_AUTHOR_EMAIL", "reader@example.invalid");
        env.put("GIT_COMMITTER_NAME", "README reader");
        env.put("GIT_COMMITTER_EMAIL", "reader@example.invalid");
    }

    /** A fresh copy of the repository's tracked files, a git repository of its own, with the packaged service. */
    private Path sandbox() throws Exception {
        Path clone = tmp.resolve("clone");
        Files.createDirectories(clone);
        Process ls = new ProcessBuilder("git", "ls-files", "-z").redirectErrorStream(false).start();
        String files = new String(ls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ls.waitFor(), "git ls-files");
        for (String f : files.split("\0")) {
            if (f.isEmpty() || !Files.isRegularFile(Path.of(f))) {
                continue;
            }
            Path to = clone.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(Path.of(f), to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path app = Path.of("target/quarkus-app").toAbsolutePath();
        assertTrue(Files.exists(app.resolve("quarkus-run.jar")), "package the service first");
        Files.createDirectories(clone.resolve("target"));
        Files.createSymbolicLink(clone.resolve("target/quarkus-app"), app);
        Result init = bash(clone, 0, "git init -q && git add -A && git commit -q -m 'A fresh clone'");
        assertEquals(0, init.exit(), init.output());
        return clone;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String clip(String s) { return s.length() > 2000 ? s.substring(0, 2000) + "…" : s; }

    /** The packaged service started in the copy as the README says, with the README's variables and the test's port. */
    static final class Service {
        private final Process process;
        private final Path log;

        private Service(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Service start(Path clone, int port, Map<String, String> env) throws Exception {
            Path log = Files.createTempFile(clone.getParent(), "service-", ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                "target/quarkus-app/quarkus-run.jar").directory(clone.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            clean(pb.environment());
            pb.environment().putAll(env);
            pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            Service s = new Service(pb.start(), log);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < end) {
                if (!s.process.isAlive()) {
                    throw new IllegalStateException("the service exited:\n" + Files.readString(log));
                }
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return s;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(250);
            }
            s.process.destroyForcibly().waitFor();
            throw new IllegalStateException("the service did not become ready:\n" + Files.readString(log));
        }

        void stop() throws Exception {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
    }
}
