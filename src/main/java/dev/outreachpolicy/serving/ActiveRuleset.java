package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.RuleError;
import dev.outreachpolicy.engine.rules.RuleSource;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import dev.outreachpolicy.engine.rules.RulesetException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.metrics.RulesetMetrics;
import dev.outreachpolicy.store.StoreException;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ruleset that serves: compiled from {@code POLICY_RULES_DIR} at start (a broken folder stops the start,
 * printing every error as {@code file:line:column: message}), replaced atomically by {@link #reload()}.
 * A failed reload changes nothing: the old ruleset keeps serving. An evaluation holds the ruleset it runs on
 * ({@link #hold()}); a replaced ruleset is released when the last evaluation holding it is over, however long that
 * takes (a plan, a batch, a stream's chunk), and never while one still runs on it. Every version loaded is written to
 * {@code ruleset_versions}.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);
    private final AtomicReference<RulesetHolds> current = new AtomicReference<>();
    /** Compiled rulesets not yet released: the one serving, and replaced ones an evaluation still holds. */
    private final AtomicInteger inMemory = new AtomicInteger();
    private final ExecutorService releaser = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ruleset-release");
        t.setDaemon(true);
        return t;
    });
    private final Path folder;
    private final DataSource db;
    private final ObjectMapper json;
    private final RulesetCompiler compiler = new RulesetCompiler();
    private final RulesetMetrics metrics;
    private volatile boolean compiling;

    @Inject
    public ActiveRuleset(@ConfigProperty(name = "policy.rules-dir", defaultValue = "rules") String folder, DataSource db,
                         ObjectMapper json, RulesetMetrics metrics) {
        this.folder = Path.of(folder);
        this.db = db;
        this.json = json;
        this.metrics = metrics;
        metrics.inMemory(inMemory::get);
        try {
            long start = System.nanoTime();
            Ruleset first = EarlyCompile.take(this.folder).orElse(null);
            installAtStart(first != null ? first : compiler.compile(this.folder), start);
        } catch (RulesetException e) {
            for (RuleError error : e.errors()) {
                System.err.println(error);
            }
            System.err.println("The rules folder " + this.folder.toAbsolutePath() + " does not compile (" + e.errors().size()
                + " error(s)); the service does not start with half a ruleset.");
            throw new IllegalStateException("rules folder does not compile: " + e.errors().size() + " error(s)");
        }
    }

    /**
     * The ruleset serving now, for what it says of itself (version, rules, policy data). To evaluate on it, {@link #hold()}
     * it instead: a reload may replace it at any time, and only a held ruleset is kept until the evaluation is over.
     */
    public Ruleset get() {
        RulesetHolds h = current.get();
        return h == null ? null : h.ruleset();
    }

    /**
     * The ruleset serving now, held until the returned hold is closed (try-with-resources): an evaluation runs on it from
     * start to end, whatever reload happens meanwhile.
     */
    public HeldRuleset hold() {
        while (true) {
            RulesetHolds h = current.get();
            if (h == null) {
                throw new IllegalStateException("the service is stopping: no ruleset serves");
            }
            if (h.tryHold()) {
                return new HeldRuleset(h);
            }
            // released between the read and the hold: a newer one serves by now
        }
    }

    /**
     * After the start, compiles the folder a few times more in the background and throws the results away: the first
     * rule edit after a start otherwise runs the Drools and Java compilers cold (1.8 s of compile under load against
     * 0.7–1.0 s once they are warm). Runs under the reload lock, so a reload waits for the compile in progress.
     */
    void warmCompiler(@Observes StartupEvent event,
                      @ConfigProperty(name = "policy.rules.warm-compiles", defaultValue = "2") int compiles) {
        if (compiles <= 0) {
            return;
        }
        Thread t = new Thread(() -> {
            for (int i = 0; i < compiles; i++) {
                synchronized (this) {
                    try (Ruleset warm = compiler.compile(folder)) {
                        LOG.debugf("compiler warm-up %d: %d rules", i + 1, warm.catalogue().size());
                    } catch (RulesetException | RuntimeException e) {
                        return; // the folder changed under us; a reload will say what is wrong
                    }
                }
            }
        }, "ruleset-compiler-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether a changed ruleset is being compiled and warmed right now: while it is, decision requests yield the CPU to
     * it ({@code dev.outreachpolicy.api.ReloadYield}), so that an edit serves in a second or two even under load.
     */
    public boolean compiling() { return compiling; }

    public Path folder() { return folder; }

    /** Compiles the folder and, if it compiles, serves it; one reload at a time. */
    public synchronized Ruleset reload() throws RulesetException {
        long start = System.nanoTime();
        Ruleset fresh;
        try {
            RuleSource source = RuleSource.read(folder);
            if (source.version().equals(get().version())) {
                // the same files: nothing to compile (a watcher event after a reload, a touch)
                metrics.reloaded(RulesetMetrics.UNCHANGED);
                return get();
            }
            compiling = true;
            fresh = compiler.compile(source);
            install(fresh, start);
        } catch (RulesetException e) {
            metrics.reloaded(RulesetMetrics.FAILED);
            throw e;
        } finally {
            compiling = false;
        }
        metrics.reloaded(RulesetMetrics.OK);
        return fresh;
    }

    /**
     * The first ruleset serves as soon as it is compiled, so that the service is ready sooner; it is warmed on a thread
     * of its own meanwhile (a reload warms before it serves, since a ruleset is serving then).
     */
    private void installAtStart(Ruleset first, long start) {
        RulesetHolds serving = serve(first);
        metrics.serving(first.version());
        LOG.infof("ruleset %s: %d rules from %d files (ready %d ms after this bean was created; warming in the background)",
            first.version(), first.catalogue().size(), first.source().files().size(), (System.nanoTime() - start) / 1_000_000);
        record(first);
        releaser.execute(() -> {
            if (serving.tryHold()) {
                try {
                    warm(first);
                } finally {
                    serving.letGo();
                }
            }
        });
    }

    /** Serves this ruleset from now on; the one it replaces is let go, and released once no evaluation holds it. */
    private RulesetHolds serve(Ruleset fresh) {
        RulesetHolds holds = new RulesetHolds(fresh, this::release);
        inMemory.incrementAndGet();
        RulesetHolds old = current.getAndSet(holds);
        if (old != null) {
            old.letGo();
        }
        return holds;
    }

    /** Closes a ruleset nothing holds any more, off the thread of the evaluation that let go of it last. */
    private void release(Ruleset old) {
        Runnable close = () -> {
            old.close();
            inMemory.decrementAndGet();
            LOG.debugf("ruleset %s released", old.version());
        };
        try {
            releaser.execute(close);
        } catch (RejectedExecutionException e) {
            close.run(); // stopping
        }
    }

    private void install(Ruleset fresh, long start) {
        long compiled = System.nanoTime();
        warm(fresh);
        long warmed = System.nanoTime();
        serve(fresh);
        metrics.serving(fresh.version());
        LOG.infof("ruleset %s: %d rules from %d files (compiled in %d ms, warmed in %d ms)", fresh.version(),
            fresh.catalogue().size(), fresh.source().files().size(), (compiled - start) / 1_000_000, (warmed - compiled) / 1_000_000);
        record(fresh);
    }

    /**
     * Runs a few evaluations on a new ruleset before it serves, so that its first requests do not pay for the
     * classes and constraint compilation Drools does lazily. A failure here is logged, never fatal: the ruleset
     * compiled and passed its checks.
     */
    private void warm(Ruleset fresh) {
        try (var in = ActiveRuleset.class.getResourceAsStream("/legal/example-request.json")) {
            if (in == null) {
                return;
            }
            var body = json.readTree(in);
            Evaluator evaluator = Evaluator.withEmptyLookups();
            for (int i = 0; i < 200; i++) {
                evaluator.evaluate(body, Instant.now(), fresh);
            }
        } catch (Exception e) {
            LOG.warnf("warming ruleset %s failed: %s", fresh.version(), e.toString());
        }
    }

    private void record(Ruleset r) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ruleset_versions (version, loaded_at, files, rules) VALUES (?, ?, ?::jsonb, ?)")) {
            List<Map<String, String>> files = new ArrayList<>();
            r.source().fileDigests().forEach((path, sha) -> files.add(Map.of("path", path, "sha256", sha)));
            ps.setString(1, r.version());
            ps.setTimestamp(2, java.sql.Timestamp.from(r.loadedAt()));
            ps.setString(3, json.writeValueAsString(files));
            ps.setInt(4, r.catalogue().size());
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf("could not record ruleset version %s in the history: %s", r.version(), e.getMessage());
        }
    }

    /** Every version loaded, newest first: version, when, how many rules, and each file with its sha256. */
    public List<Map<String, Object>> history(int limit) {
        return versions("SELECT version, loaded_at, files::text AS files, rules FROM ruleset_versions ORDER BY loaded_at DESC LIMIT ?",
            ps -> ps.setInt(1, limit));
    }

    /**
     * One version as it was first loaded, compared file by file with the version serving now: which files changed,
     * were added or were removed since. Empty when the version was never loaded here.
     */
    public Optional<Map<String, Object>> compareWithCurrent(String version) {
        List<Map<String, Object>> found = versions("SELECT version, loaded_at, files::text AS files, rules FROM ruleset_versions "
            + "WHERE version = ? ORDER BY loaded_at LIMIT 1", ps -> ps.setString(1, version));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>(found.get(0));
        Map<String, String> then = new LinkedHashMap<>();
        ((com.fasterxml.jackson.databind.JsonNode) out.get("files")).forEach(f -> then.put(f.path("path").asText(), f.path("sha256").asText()));
        Map<String, String> now = get().source().fileDigests();
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        now.forEach((path, sha) -> {
            if (!then.containsKey(path)) {
                added.add(path);
            } else if (!then.get(path).equals(sha)) {
                changed.add(path);
            }
        });
        then.keySet().stream().filter(p -> !now.containsKey(p)).forEach(removed::add);
        Map<String, Object> diff = new LinkedHashMap<>();
        diff.put("currentVersion", get().version());
        diff.put("same", get().version().equals(version));
        diff.put("changed", changed);
        diff.put("added", added);
        diff.put("removed", removed);
        out.put("comparedWithCurrent", diff);
        return Optional.of(out);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<Map<String, Object>> versions(String sql, Binder binder) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<Map<String, Object>> out = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", rs.getString("version"));
                    m.put("loadedAt", rs.getTimestamp("loaded_at").toInstant());
                    m.put("rules", rs.getInt("rules"));
                    m.put("files", json.readTree(rs.getString("files")));
                    out.add(m);
                }
            }
            return out;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("cannot read the ruleset history", e);
        }
    }

    @PreDestroy
    void stop() {
        releaser.shutdownNow();
        RulesetHolds serving = current.getAndSet(null);
        if (serving != null) {
            serving.letGo(); // closed now, or by the last evaluation still running on it
        }
    }
}
