package dev.outreachpolicy.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as a real process, as an operator runs it. */
final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(Path workDir, Map<String, String> env) throws Exception {
        return start(workDir, env, List.of());
    }

    /** The service started with these options of the JVM before {@code -jar}. */
    static ServiceProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions) throws Exception {
        int port = freePort();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the service first: " + jar);
        }
        Files.createDirectories(workDir);
        Path log = workDir.resolve("service-" + port + ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBin()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("POLICY_"));
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        pb.environment().putIfAbsent("POLICY_RULES_DIR", Path.of("rules").toAbsolutePath().toString());
        ServiceProcess s = new ServiceProcess(pb.start(), port, log);
        s.awaitReady(Duration.ofSeconds(120));
        return s;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady(Duration limit) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                // the whole log, not its tail: a refused start's reason comes before a stack trace whose length
                // depends on which bean first touched the bad setting, and can fall out of the last 40 lines
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        String tail = tail();
        process.destroyForcibly().waitFor(); // a service that never became ready must not outlive its test
        throw new IllegalStateException("the service did not become ready:\n" + tail);
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /** Any request, with headers given as name, value, name, value…; a null body sends none. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    int port() { return port; }

    ProcessHandle pid() { return process.toHandle(); }

    /** Waits for the process to exit (after a signal sent through {@link #pid()}) and returns its exit code. */
    int awaitExit() throws Exception {
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not stop within 90 s:\n" + tail());
        }
        return process.exitValue();
    }

    /** SIGTERM, as an orchestrator stops a service; waits for the process to exit and returns its exit code. */
    int terminate() throws Exception {
        process.destroy();
        if (!process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not stop within 90 s of SIGTERM:\n" + tail());
        }
        return process.exitValue();
    }

    String log() throws IOException { return Files.readString(log); }

    /** kill -9: no shutdown hook runs, so an embedded PostgreSQL it started is left behind. */
    void killHard() throws Exception {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
