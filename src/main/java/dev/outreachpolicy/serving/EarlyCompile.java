package dev.outreachpolicy.serving;

import dev.outreachpolicy.engine.rules.RuleSource;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import dev.outreachpolicy.engine.rules.RulesetException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The first compile of the rules folder, started by {@code Main} as the process starts, so that it runs while the JVM,
 * the store and the container start instead of after them: the compile of a cold JVM (about three seconds) was the
 * larger part of the time from start to ready. {@link ActiveRuleset} takes the result when it is created; if the
 * folder it is configured with is not the one compiled here (a setting this early read could not see), it compiles
 * its own and this one is closed.
 */
public final class EarlyCompile {
    private record Started(Path folder, CompletableFuture<Ruleset> ruleset) { }

    private static volatile Started started;

    private EarlyCompile() { }

    /** Starts compiling the folder on a thread of its own; the service's start carries on meanwhile. */
    public static synchronized void begin(Path folder) {
        if (started != null) {
            return;
        }
        CompletableFuture<Ruleset> future = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                future.complete(new RulesetCompiler().compile(folder));
            } catch (RulesetException | RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "ruleset-early-compile");
        t.setDaemon(true);
        t.setContextClassLoader(EarlyCompile.class.getClassLoader());
        started = new Started(folder.toAbsolutePath().normalize(), future);
        t.start();
    }

    /** Whether the compile started by {@link #begin} has ended (tests). */
    static boolean ended() {
        Started s = started;
        return s != null && s.ruleset().isDone();
    }

    /**
     * The ruleset compiled early from this folder, waiting for the compile to end; empty when none was started for
     * it (the ruleset is then compiled by the caller).
     * @throws RulesetException when the folder does not compile
     */
    static synchronized Optional<Ruleset> take(Path folder) throws RulesetException {
        Started s = started;
        started = null;
        if (s == null) {
            return Optional.empty();
        }
        Ruleset r;
        try {
            r = s.ruleset().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RulesetException re && s.folder().equals(folder.toAbsolutePath().normalize())) {
                throw re;
            }
            return Optional.empty();
        }
        if (!s.folder().equals(folder.toAbsolutePath().normalize()) || !r.version().equals(RuleSource.read(folder).version())) {
            // another folder, or the files changed while the service started (a ConfigMap updated during a rollout)
            r.close();
            return Optional.empty();
        }
        return Optional.of(r);
    }
}
