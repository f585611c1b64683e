package dev.outreachpolicy.api;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Graceful shutdown, the part in front of the resources. From the moment the process is told to stop (SIGTERM), a
 * request that arrives is refused at once, before any work, with a {@code 503} problem, {@code Retry-After} and
 * {@code Connection: close} (a load balancer sends it to another instance), while the requests already accepted run to
 * their durable answers: Quarkus waits for them ({@code quarkus.shutdown.timeout}) before the beans, the record writers
 * and the embedded store stop. A stream still being sent is stopped at a line boundary {@link #STREAM_MARGIN} before
 * that timeout, so that the lines read so far are answered and durable before anything stops ({@link StreamResource}).
 */
@ApplicationScoped
public class ShutdownGate {
    /** Runs before every other filter (host, origin, limits): nothing is looked at once the service is stopping. */
    static final int PRIORITY = 5000;
    /** How long before Quarkus gives up waiting a stream stops reading, to answer what it read. */
    static final Duration STREAM_MARGIN = Duration.ofSeconds(10);

    private final Duration timeout;
    private volatile long signalledAt;

    public ShutdownGate(@ConfigProperty(name = "quarkus.shutdown.timeout") Optional<Duration> timeout) {
        this.timeout = timeout.orElse(Duration.ZERO);
    }

    void start(@Observes StartupEvent event) {
        // Runs beside Quarkus's own shutdown hook: it only marks the moment, so it is done before the drain begins.
        Runtime.getRuntime().addShutdownHook(new Thread(this::signal, "shutdown-gate"));
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void signal() {
        if (signalledAt == 0) {
            signalledAt = System.nanoTime();
        }
    }

    /** Whether the process was told to stop. */
    public boolean stopping() { return signalledAt != 0; }

    /** Whether a stream should stop reading now, to finish what it read before Quarkus stops waiting for it. */
    boolean streamMustStop() {
        if (signalledAt == 0) {
            return false;
        }
        long budget = Math.max(0, timeout.minus(STREAM_MARGIN).toNanos());
        return System.nanoTime() - signalledAt >= budget;
    }

    void check(RoutingContext rc) {
        if (signalledAt == 0) {
            rc.next();
            return;
        }
        rc.response().putHeader("Retry-After", "1").putHeader("Connection", "close");
        HttpProblem.send(rc, 503, "shutting-down", "The service is stopping",
            "this instance is stopping and took no part of the request; send it again (to another instance)", null);
    }
}
