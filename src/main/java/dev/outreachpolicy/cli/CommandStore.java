package dev.outreachpolicy.cli;

import dev.outreachpolicy.store.EmbeddedDatabase;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store a command of the command line reads, as the service would find it: {@code QUARKUS_DATASOURCE_JDBC_URL}
 * (with {@code QUARKUS_DATASOURCE_USERNAME} and {@code _PASSWORD}), or else the embedded PostgreSQL under
 * {@code POLICY_DATA_DIR} ({@code data} by default), started for the command and stopped when it is closed.
 */
final class CommandStore implements AutoCloseable {
    private final String dataDir;
    private final EmbeddedDatabase embedded;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private CommandStore(String dataDir, EmbeddedDatabase embedded, String url) {
        this.dataDir = dataDir;
        this.embedded = embedded;
        dataSource.setURL(url);
        dataSource.setUser(PolicyCli.env("QUARKUS_DATASOURCE_USERNAME", "postgres"));
        dataSource.setPassword(PolicyCli.env("QUARKUS_DATASOURCE_PASSWORD", ""));
    }

    static CommandStore open() throws Exception {
        String url = PolicyCli.env("QUARKUS_DATASOURCE_JDBC_URL", "");
        String dataDir = PolicyCli.env("POLICY_DATA_DIR", "data");
        if (!url.isBlank()) {
            return new CommandStore(dataDir, null, url);
        }
        EmbeddedDatabase embedded = EmbeddedDatabase.start(Path.of(dataDir), 0);
        return new CommandStore(dataDir, embedded, embedded.jdbcUrl());
    }

    PGSimpleDataSource dataSource() { return dataSource; }

    String dataDir() { return dataDir; }

    /** Whether the store is the embedded one this command started. */
    boolean embedded() { return embedded != null; }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception ignored) {
                // the command is ending
            }
        }
    }
}
