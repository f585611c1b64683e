package dev.outreachpolicy.system;

import dev.outreachpolicy.store.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** One PostgreSQL database for several service processes: a fresh database on the machine's server, else an embedded one. */
final class SharedDatabase implements AutoCloseable {
    private final String url;
    private final EmbeddedDatabase embedded;

    private SharedDatabase(String url, EmbeddedDatabase embedded) {
        this.url = url;
        this.embedded = embedded;
    }

    static SharedDatabase create(Path dir) throws Exception {
        String server = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (server == null || server.isBlank()) {
            EmbeddedDatabase db = EmbeddedDatabase.start(dir, 0);
            return new SharedDatabase(db.jdbcUrl(), db);
        }
        String user = System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String password = System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
        String name = "policy_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new SharedDatabase(server.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"), null);
    }

    String url() { return url; }

    boolean onMachineServer() { return embedded == null; }

    @Override
    public void close() throws Exception {
        if (embedded != null) {
            embedded.close();
            return;
        }
        String server = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = DriverManager.getConnection(server, System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "")); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
