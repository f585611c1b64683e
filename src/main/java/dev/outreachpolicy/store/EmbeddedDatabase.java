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
 * folder; {@link #start} stops that orphan (it is ours: its pid file sits in our data folder, and no live process holds
 * the folder's lock) before starting. A server whose service still runs is never touched.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) { this.postgres = postgres; }

    /**
     * @param dataDir the folder that keeps the data ({@code POLICY_DATA_DIR}); created if missing
     * @param port the port to listen on (loopback only); 0 picks a free one
     */
    public static EmbeddedDatabase start(Path dataDir, int port) throws IOException {
        return start(dataDir, port, true);
    }

    /**
     * @param stopOnExit whether the server stops by itself when the JVM exits. The service passes false and stops it
     *     from its own shutdown hook once Quarkus has drained the requests in flight: a hook of its own would stop the
     *     server at the signal, under the requests still being answered.
     */
    public static EmbeddedDatabase start(Path dataDir, int port, boolean stopOnExit) throws IOException {
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
            // The server's log is part of the service's log: no DETAIL lines, which quote refused rows.
            .setServerConfig("log_error_verbosity", "terse")
            .setRegisterShutdownHook(stopOnExit);
        if (port > 0) {
            b.setPort(port);
        }
        return new EmbeddedDatabase(b.start());
    }

    /**
     * Stops a server left running by a process that died without stopping it, and clears its pid file. A live
     * service holds the file lock {@code epg-lock} in the data folder for as long as it runs (the OS releases it
     * when the process dies, kill -9 included): if the lock is held, the folder is in use and nothing is touched.
     */
    static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        refuseIfInUse(pgData);
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
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                orphan.get().destroyForcibly();
                try {
                    orphan.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception stillThere) {
                    throw new IOException("cannot stop the PostgreSQL server (pid " + pid + ") left on " + pgData);
                }
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static void refuseIfInUse(Path pgData) throws IOException {
        Path lock = pgData.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return;
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.channels.FileLock held = ch.tryLock();
            if (held == null) {
                throw new IOException("the data folder " + pgData + " is in use by a running service; stop it, "
                    + "or point QUARKUS_DATASOURCE_JDBC_URL at its database");
            }
            held.release();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new IOException("the data folder " + pgData + " is in use by this process", e);
        }
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.contains("postgres")).orElse(false);
    }

    public String jdbcUrl() { return postgres.getJdbcUrl("postgres", "postgres"); }

    public int port() { return postgres.getPort(); }

    @Override
    public void close() throws IOException { postgres.close(); }
}
