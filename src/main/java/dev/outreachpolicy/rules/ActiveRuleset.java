package dev.outreachpolicy.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.decision.DecisionRequest;
import dev.outreachpolicy.decision.FactResolver;
import dev.outreachpolicy.decision.RequestParser;
import dev.outreachpolicy.facts.AsOf;
import dev.outreachpolicy.registers.CallRegisters;
import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.suppression.InMemorySuppressionList;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ruleset that serves: compiled from {@code POLICY_RULES_DIR} at start (a broken folder stops the start,
 * printing every error as {@code file:line:column: message}), replaced atomically by {@link #reload()}.
 * A failed reload changes nothing: the old ruleset keeps serving. A replaced ruleset is released once the
 * evaluations that hold its sessions are done. Every version loaded is written to {@code ruleset_versions}.
 */
@Startup
@ApplicationScoped
public class ActiveRuleset {
    private static final Logger LOG = Logger.getLogger(ActiveRuleset.class);
    private final AtomicReference<Ruleset> current = new AtomicReference<>();
    private final ScheduledExecutorService releaser = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ruleset-release");
        t.setDaemon(true);
        return t;
    });
    private final Path folder;
    private final DataSource db;
    private final ObjectMapper json;
    private final RulesetCompiler compiler = new RulesetCompiler();

    @Inject
    public ActiveRuleset(@ConfigProperty(name = "policy.rules-dir", defaultValue = "rules") String folder, DataSource db,
                         ObjectMapper json) {
        this.folder = Path.of(folder);
        this.db = db;
        this.json = json;
        try {
            install(compiler.compile(this.folder));
        } catch (RulesetException e) {
            for (RuleError error : e.errors()) {
                System.err.println(error);
            }
            System.err.println("The rules folder " + this.folder.toAbsolutePath() + " does not compile (" + e.errors().size()
                + " error(s)); the service does not start with half a ruleset.");
            throw new IllegalStateException("rules folder does not compile: " + e.errors().size() + " error(s)");
        }
    }

    public Ruleset get() { return current.get(); }

    public Path folder() { return folder; }

    /** Compiles the folder and, if it compiles, serves it; one reload at a time. */
    public synchronized Ruleset reload() throws RulesetException {
        Ruleset fresh = compiler.compile(folder);
        if (fresh.version().equals(current.get().version())) {
            fresh.close();
            return current.get();
        }
        install(fresh);
        return fresh;
    }

    private void install(Ruleset fresh) {
        warm(fresh);
        Ruleset old = current.getAndSet(fresh);
        LOG.infof("ruleset %s: %d rules from %d files", fresh.version(), fresh.catalogue().size(), fresh.source().files().size());
        record(fresh);
        if (old != null) {
            releaser.schedule(old::close, 30, TimeUnit.SECONDS);
        }
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
            FactResolver resolver = new FactResolver(new InMemorySuppressionList(), CallRegisters.NONE);
            for (int i = 0; i < 200; i++) {
                DecisionRequest request = RequestParser.parse(body, Instant.now());
                fresh.evaluate(new AsOf(request.asOf()), resolver.resolve(request, fresh.policy()));
            }
        } catch (Exception e) {
            LOG.warnf("warming ruleset %s failed: %s", fresh.version(), e.toString());
        }
    }

    private void record(Ruleset r) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ruleset_versions (version, loaded_at, files, rules) VALUES (?, ?, ?::jsonb, ?)")) {
            List<String> files = r.source().files().stream().map(f -> r.source().shown(f.path())).toList();
            ps.setString(1, r.version());
            ps.setTimestamp(2, java.sql.Timestamp.from(r.loadedAt()));
            ps.setString(3, json.writeValueAsString(files));
            ps.setInt(4, r.catalogue().size());
            ps.executeUpdate();
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf("could not record ruleset version %s in the history: %s", r.version(), e.getMessage());
        }
    }

    /** Every version loaded, newest first. */
    public List<java.util.Map<String, Object>> history(int limit) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT version, loaded_at, files::text AS files, rules FROM ruleset_versions ORDER BY loaded_at DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<java.util.Map<String, Object>> out = new java.util.ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("version", rs.getString("version"));
                    m.put("loadedAt", rs.getTimestamp("loaded_at").toInstant());
                    m.put("files", json.readTree(rs.getString("files")));
                    m.put("rules", rs.getInt("rules"));
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
        Ruleset r = current.getAndSet(null);
        if (r != null) {
            r.close();
        }
    }
}
