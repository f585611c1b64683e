package dev.outreachpolicy.api;

import dev.outreachpolicy.serving.ActiveRuleset;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Decision requests yield the CPU to a rule edit being compiled. On a machine whose cores the requests keep busy, the
 * compile of a changed ruleset (about half a second of CPU) got a small share of it and an edit took 6–9 s to serve.
 * While {@link ActiveRuleset#compiling()} holds, the decision endpoints take {@link #WHILE_COMPILING} request at a time
 * and the others wait, suspended, in arrival order; nothing is refused and nothing is answered differently, the
 * requests only wait the second or so the compile takes. Every other endpoint (health, reload itself) passes as always.
 *
 * <p>It runs after the access check ({@link AccessFilter}), so that only callers the service serves wait here: a
 * request without a valid key is answered 401 at once, and never takes a place in the queue.
 */
@ApplicationScoped
public class ReloadYield {
    /** After {@link AccessFilter} (request filters run in ascending priority; it has the default, USER). */
    static final int PRIORITY = Priorities.USER + 100;
    /** Decision requests admitted at once while a ruleset compiles. */
    static final int WHILE_COMPILING = Integer.getInteger("policy.reload.yield-concurrency", 1);

    @Inject
    ActiveRuleset rules;

    @Inject
    Vertx vertx;

    private final AtomicInteger active = new AtomicInteger();
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean polling = new AtomicBoolean();

    private record Waiting(RoutingContext rc, Context context, CompletableFuture<Response> admitted) { }

    static boolean decides(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST) {
            return false;
        }
        String p = rc.request().path();
        return p != null && (p.startsWith("/v1/decisions") || p.startsWith("/v1/plans")) && !p.contains("/review");
    }

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Response> check(RoutingContext rc) {
        if (!decides(rc)) {
            return Uni.createFrom().nullItem();
        }
        if (rules.compiling() && (active.get() >= WHILE_COMPILING || !waiting.isEmpty())) {
            CompletableFuture<Response> admitted = new CompletableFuture<>();
            waiting.add(new Waiting(rc, Vertx.currentContext(), admitted));
            poll();
            return Uni.createFrom().completionStage(admitted);
        }
        admit(rc);
        return Uni.createFrom().nullItem();
    }

    private void admit(RoutingContext rc) {
        active.incrementAndGet();
        rc.addEndHandler(v -> {
            active.decrementAndGet();
            release();
        });
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
                run(w, () -> {
                    active.decrementAndGet();
                    resume(w);
                });
                return;
            }
            run(w, () -> resume(w));
        }
    }

    private static void run(Waiting w, Runnable r) {
        if (w.context() != null) {
            w.context().runOnContext(x -> r.run());
        } else {
            r.run();
        }
    }

    private void resume(Waiting w) {
        if (w.rc().response().ended() || w.rc().response().closed()) {
            // the caller left while it waited: the request is not served (the answer goes nowhere), and takes no place
            w.admitted().complete(Response.status(503).build());
            release();
            return;
        }
        admit(w.rc());
        w.admitted().complete(null);
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
