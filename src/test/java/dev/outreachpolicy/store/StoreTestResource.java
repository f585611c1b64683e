package dev.outreachpolicy.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for the tests: with {@code QUARKUS_DATASOURCE_JDBC_URL} set (the machine's server), a fresh
 * database is created on that server for this run; without it, the embedded PostgreSQL 15 is started in a
 * temporary folder. No mock of the database anywhere.
 */
public class StoreTestResource implements QuarkusTestResourceLifecycleManager {
    private EmbeddedDatabase embedded;
    private String createdOnServer;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("policy-test-data");
            String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
            if (url == null || url.isBlank()) {
                embedded = EmbeddedDatabase.start(dataDir, 0);
                return Map.of("quarkus.datasource.jdbc.url", embedded.jdbcUrl(), "quarkus.datasource.username", "postgres",
                    "policy.data-dir", dataDir.toString(), "policy.store.embedded", "true");
            }
            String user = env("QUARKUS_DATASOURCE_USERNAME", "postgres");
            String password = env("QUARKUS_DATASOURCE_PASSWORD", "");
            String db = "policy_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
            createdOnServer = db;
            String testUrl = url.replaceFirst("/[^/?]*(\\?|$)", "/" + db + "$1");
            byte[] secret = new byte[32];
            new java.security.SecureRandom().nextBytes(secret);
            return Map.of("quarkus.datasource.jdbc.url", testUrl, "policy.data-dir", dataDir.toString(),
                "policy.suppression.key", java.util.Base64.getEncoder().encodeToString(secret), "policy.suppression.key-id", "test-key");
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test database", e);
        }
    }

    private static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    @Override
    public void stop() {
        try {
            if (embedded != null) {
                embedded.close();
            }
            if (createdOnServer != null) {
                try (Connection c = DriverManager.getConnection(System.getenv("QUARKUS_DATASOURCE_JDBC_URL"),
                        env("QUARKUS_DATASOURCE_USERNAME", "postgres"), env("QUARKUS_DATASOURCE_PASSWORD", ""));
                     Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + createdOnServer + " WITH (FORCE)");
                }
            }
        } catch (Exception ignored) {
            // the JVM is ending
        }
    }
}
