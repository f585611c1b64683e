package dev.outreachpolicy.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The embedded default store: a real PostgreSQL 15 server started from a Maven artifact, so the service
 * and its tests run the same SQL and the same Flyway migrations as production, with nothing installed.
 * Its data lives under {@code <dataDir>/postgres} and survives restarts.
 *
 * <p>After a crash (kill -9 of the service) the server it started may still be running and holding the data
 * folder; {@link #start} stops that orphan (it is ours: its pid file sits in our data folder, and the service that
 * started it is gone) before starting. A server whose service still runs is never touched.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) { this.postgres = postgres; }

    /**
     * @param dataDir the folder that keeps the data ({@code POLICY_DATA_DIR}); created if missing
     * @param port the port to listen on (loopback only); 0 picks a free one
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        Files.createDirectories(pgData.getParent());
        stopOrphan(pgData);
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("max_connections", "100")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("fsync", "on")
            .setRegisterShutdownHook(true);
        if (port > 0) {
            b.setPort(port);
        }
        return new EmbeddedDatabase(b.start());
    }

    /** Stops a server left running by a process that died without stopping it, and clears its pid file. */
    static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            Files.deleteIfExists(pidFile);
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid);
        if (orphan.isPresent() && orphan.get().isAlive() && isPostgres(orphan.get())) {
            Optional<ProcessHandle> owner = orphan.get().parent();
            if (owner.isPresent() && owner.get().isAlive() && owner.get().pid() != 1
                && owner.get().info().command().map(c -> c.contains("java")).orElse(false)) {
                throw new IOException("the data folder " + pgData + " is in use by a running service (pid " + owner.get().pid()
                    + "); stop it, or point QUARKUS_DATASOURCE_JDBC_URL at its database");
            }
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(true);
    }

    public String jdbcUrl() { return postgres.getJdbcUrl("postgres", "postgres"); }

    public int port() { return postgres.getPort(); }

    @Override
    public void close() throws IOException { postgres.close(); }
}
