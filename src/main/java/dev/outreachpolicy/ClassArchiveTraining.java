package dev.outreachpolicy;

import dev.outreachpolicy.serving.EarlyCompile;
import dev.outreachpolicy.store.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the class archive that {@code ./mvnw package} writes to {@code target/quarkus-app/app-cds.jsa}
 * (the JVM's {@code -XX:ArchiveClassesAtExit}; started with {@code -Dpolicy.class-archive.train=true}). It starts the
 * service as a user does, on an embedded store in a folder of its own that it deletes afterwards (the build needs no
 * database and touches none it is given), asks for a few decisions over HTTP and exits: the classes loaded on the
 * way, the rule compilers' included, are what {@code -XX:SharedArchiveFile} then maps instead of loading and
 * verifying them again. It never fails the build: what it could not exercise is only missing from the archive.
 */
final class ClassArchiveTraining implements QuarkusApplication {
    static final String PROPERTY = "policy.class-archive.train";

    private ClassArchiveTraining() { }

    static void run(Path rules, String... args) {
        Path work = null;
        EmbeddedDatabase db = null;
        try {
            work = Files.createTempDirectory("policy-class-archive");
            EarlyCompile.begin(rules);
            db = EmbeddedDatabase.start(work.resolve("data"), 0, true);
            // System properties win over the environment: the training uses its own store whatever the build's shell names.
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("policy.store.embedded", "true");
            System.setProperty("policy.data-dir", work.resolve("data").toString());
            System.setProperty("policy.rules.watch", "false");
            System.setProperty("policy.rules.warm-compiles", "0");
            System.setProperty("quarkus.http.host", "127.0.0.1");
            System.setProperty("quarkus.http.port", Integer.toString(freePort()));
            Quarkus.run(ClassArchiveTraining.class, (code, failure) -> { }, args);
        } catch (Exception | LinkageError e) {
            System.out.println("class archive training: " + e + " (the archive holds the classes loaded until then)");
        } finally {
            if (db != null) {
                try {
                    db.close();
                } catch (Exception ignored) {
                    // the process ends next
                }
            }
            delete(work);
        }
    }

    @Override
    public int run(String... args) throws Exception {
        String base = "http://127.0.0.1:" + System.getProperty("quarkus.http.port");
        byte[] example;
        try (InputStream in = ClassArchiveTraining.class.getResourceAsStream("/legal/example-request.json")) {
            example = in.readAllBytes();
        }
        call(base + "/q/health/ready", "GET", null, null);
        for (int i = 0; i < 20; i++) {
            call(base + "/v1/decisions", "POST", "application/json", example);
        }
        String line = new String(example, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*", " ").trim() + "\n";
        call(base + "/v1/decisions:stream", "POST", "application/x-ndjson", line.repeat(20).getBytes(StandardCharsets.UTF_8));
        call(base + "/v1/decisions", "POST", "application/json", "{\"step\":1}".getBytes(StandardCharsets.UTF_8));
        call(base + "/q/health/live", "GET", null, null);
        call(base + "/q/metrics", "GET", null, null);
        System.out.println("class archive training: the service started and answered; exiting");
        return 0;
    }

    private static void call(String url, String method, String type, byte[] body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(60_000);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", type);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (in != null) {
                    in.transferTo(new ByteArrayOutputStream());
                }
            }
        } catch (IOException e) {
            System.out.println("class archive training: " + method + " " + url + ": " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
