package dev.outreachpolicy.api;

import dev.outreachpolicy.serving.ActiveRuleset;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decision requests yield the CPU to a rule edit being compiled. On a machine whose cores the requests keep busy, the
 * compile of a changed ruleset (about half a second of CPU) got a small share of it and an edit took 6–9 s to serve.
 * While {@link ActiveRuleset#compiling()} holds, the decision endpoints take {@link #WHILE_COMPILING} request at a time
 * and the others wait, paused, in arrival order; nothing is refused and nothing is answered differently, the requests
 * only wait the second or so the compile takes. Every other endpoint (health, reload itself) passes as always.
 */
@ApplicationScoped
public class ReloadYield {
    /** Runs after the shutdown gate and the access filters, before the resources. */
    static final int PRIORITY = 100;
    /** Decision requests admitted at once while a ruleset compiles. */
    static final int WHILE_COMPILING = Integer.getInteger("policy.reload.yield-concurrency", 1);

    @Inject
    ActiveRuleset rules;

    @Inject
    Vertx vertx;

    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean polling = new AtomicBoolean();

    private record Waiting(RoutingContext rc, Context context) { }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    static boolean decides(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST) {
            return false;
        }
        String p = rc.request().path();
        return p != null && (p.startsWith("/v1/decisions") || p.startsWith("/v1/plans")) && !p.contains("/review");
    }

    void check(RoutingContext rc) {
        if (!decides(rc)) {
            rc.next();
            return;
        }
        if (rules.compiling() && (active.get() >= WHILE_COMPILING || !waiting.isEmpty())) {
            rc.request().pause();
            waiting.add(new Waiting(rc, Vertx.currentContext()));
            poll();
            return;
        }
        admit(rc);
    }

    private void admit(RoutingContext rc) {
        active.incrementAndGet();
        rc.addEndHandler(v -> {
            active.decrementAndGet();
            release();
        });
        rc.next();
    }

    /** Lets waiting requests in: all of them once the compile is over, else one while none is active. */
    private void release() {
        while (!waiting.isEmpty()) {
            if (rules.compiling() && active.get() >= WHILE_COMPILING) {
                return;
            }
            Waiting w = waiting.poll();
            if (w == null) {
                return;
            }
            if (rules.compiling()) {
                active.incrementAndGet(); // counted now, so that the next loop turn sees it
                w.context().runOnContext(x -> {
                    active.decrementAndGet();
                    resume(w.rc());
                });
                return;
            }
            w.context().runOnContext(x -> resume(w.rc()));
        }
    }

    private void resume(RoutingContext rc) {
        if (rc.response().ended() || rc.response().closed()) {
            return;
        }
        rc.request().resume();
        admit(rc);
    }

    /** While requests wait, looks every 10 ms whether the compile is over (the compile thread is no Vert.x thread). */
    private void poll() {
        if (!polling.compareAndSet(false, true)) {
            return;
        }
        vertx.setPeriodic(10, id -> {
            release();
            if (waiting.isEmpty()) {
                vertx.cancelTimer(id);
                polling.set(false);
                if (!waiting.isEmpty()) {
                    poll(); // a request queued between the check and the cancel
                }
            }
        });
    }
}
