package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.RuleError;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetException;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches the rules folder (and its subfolders) and reloads when a file changes, after a quarter of a second of
 * quiet so that an editor's save or a {@code git pull} reloads once. A change that does not compile is logged with
 * every error and the old ruleset keeps serving. Off with {@code POLICY_RULES_WATCH=false}.
 */
@ApplicationScoped
public class RulesWatcher {
    private static final Logger LOG = Logger.getLogger(RulesWatcher.class);
    /** Quiet time before a reload: an editor's save or a checkout writes its files within it. */
    static final long QUIET_MILLIS = 250;
    private final ActiveRuleset active;
    private final boolean enabled;
    private volatile Thread thread;
    private volatile WatchService watch;

    @Inject
    public RulesWatcher(ActiveRuleset active, @ConfigProperty(name = "policy.rules.watch", defaultValue = "true") boolean enabled) {
        this.active = active;
        this.enabled = enabled;
    }

    void start(@Observes StartupEvent e) {
        if (!enabled) {
            return;
        }
        try {
            watch = FileSystems.getDefault().newWatchService();
            register(active.folder());
        } catch (IOException ex) {
            LOG.warnf("cannot watch %s: %s; reload with POST /v1/rulesets/reload", active.folder(), ex.getMessage());
            return;
        }
        thread = new Thread(this::loop, "rules-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void register(Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                d.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                WatchKey key = watch.take();
                key.pollEvents();
                key.reset();
                WatchKey more;
                while ((more = watch.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    more.pollEvents();
                    more.reset();
                }
                register(active.folder());
                String before = active.get().version();
                Ruleset r = active.reload();
                if (!r.version().equals(before)) {
                    LOG.infof("rules changed on disk: now serving %s", r.version());
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (java.nio.file.ClosedWatchServiceException ex) {
                return; // the service is stopping (see stop): nothing went wrong
            } catch (RulesetException ex) {
                LOG.errorf("rules changed on disk but do not compile; still serving %s:%n%s", active.get().version(),
                    String.join("\n", ex.errors().stream().map(RuleError::toString).toList()));
            } catch (Exception ex) {
                LOG.errorf("rules watcher: %s", ex.toString());
            }
        }
    }

    void stop(@Observes ShutdownEvent e) {
        if (thread != null) {
            thread.interrupt();
        }
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException ignored) {
            // closing on shutdown
        }
    }
}
