package dev.outreachpolicy;

import dev.outreachpolicy.cli.PolicyCli;
import dev.outreachpolicy.store.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;

/**
 * Starts the service when run with no argument; with arguments, runs the command line ({@code check}, {@code test},
 * {@code impact}; anything else prints the usage and exits 64). {@code check} and {@code test} need neither a server
 * nor a database.
 *
 * <p>With no {@code QUARKUS_DATASOURCE_JDBC_URL}, the embedded PostgreSQL is started under
 * {@code POLICY_DATA_DIR} (default {@code ./data}) before Quarkus, so it is up before the connection pool.
 * With no {@code POLICY_API_KEYS} the service listens on loopback only and asks for no key.
 */
@QuarkusMain
public final class Main {
    private Main() { }

    public static void main(String... args) throws Exception {
        if (args.length > 0) {
            System.exit(new PolicyCli(System.out, System.err).run(args));
        }
        // The first compile of the rules runs beside the start of the JVM, the store and the container (EarlyCompile).
        String rules = System.getProperty("policy.rules-dir", blank(System.getenv("POLICY_RULES_DIR")) ? "rules" : System.getenv("POLICY_RULES_DIR"));
        if (Boolean.getBoolean(ClassArchiveTraining.PROPERTY)) {
            ClassArchiveTraining.run(Path.of(rules), args);
            System.exit(0);
        }
        dev.outreachpolicy.serving.EarlyCompile.begin(Path.of(rules));
        if (!keysListed(System.getenv("POLICY_API_KEYS")) && blank(System.getenv("QUARKUS_HTTP_HOST"))
            && System.getProperty("quarkus.http.host") == null) {
            System.setProperty("quarkus.http.host", "127.0.0.1");
        } else if (System.getProperty("quarkus.http.host") == null && blank(System.getenv("QUARKUS_HTTP_HOST"))) {
            System.setProperty("quarkus.http.host", "0.0.0.0");
        }
        if (blank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")) && System.getProperty("quarkus.datasource.jdbc.url") == null) {
            String dir = System.getenv("POLICY_DATA_DIR");
            EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(blank(dir) ? "data" : dir), 0, false);
            System.setProperty("quarkus.datasource.jdbc.url", db.jdbcUrl());
            System.setProperty("quarkus.datasource.username", "postgres");
            System.setProperty("policy.store.embedded", "true");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    // Shutdown hooks run together: wait until Quarkus has drained the requests in flight and written
                    // their records (quarkus.shutdown.timeout) before the database goes away under them.
                    awaitQuarkusStopped();
                    db.close();
                } catch (Exception ignored) {
                    // the process is ending; the next start stops any orphan
                }
            }, "embedded-postgres-stop"));
        }
        Quarkus.run(args);
    }

    private static void awaitQuarkusStopped() throws InterruptedException {
        io.quarkus.runtime.Application app = io.quarkus.runtime.Application.currentApplication();
        if (app == null) {
            return;
        }
        Thread waiter = new Thread(app::awaitShutdown, "await-quarkus-stopped");
        waiter.setDaemon(true);
        waiter.start();
        // the drain (quarkus.shutdown.timeout, 30 s) and the record writers' last flush (up to 30 s), with a margin
        waiter.join(java.time.Duration.ofSeconds(75).toMillis());
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /**
     * Whether POLICY_API_KEYS lists a key, by the parser every guard uses (a value such as " , " lists none: the
     * loopback mode). A value it refuses counts as keys meant: the start then stops with the reason (ApiKeys).
     */
    private static boolean keysListed(String value) {
        try {
            return !dev.outreachpolicy.api.ApiKeyList.parse(value).isEmpty();
        } catch (IllegalStateException refused) {
            return true;
        }
    }
}
