package dev.outreachpolicy.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * With API keys set, {@code /q/metrics} needs one (any role: give the scraper an agent key, the least); without keys
 * it is served to loopback callers like everything else. Health ({@code /q/health}) stays open for probes and load
 * balancers, and the OpenAPI document stays public.
 */
@ApplicationScoped
public class MetricsAccess {
    static final int PRIORITY = 700;

    @Inject
    ApiKeys keys;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!keys.configured() || !(path.equals("/q/metrics") || path.startsWith("/q/metrics/"))) {
            rc.next();
            return;
        }
        String auth = rc.request().getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            HttpProblem.send(rc, 401, "unauthenticated", "An API key is required", "send Authorization: Bearer <key>", "/headers/Authorization");
            return;
        }
        if (keys.lookup(auth.substring(7).trim()).isEmpty()) {
            HttpProblem.send(rc, 401, "unauthenticated", "Unknown API key", "the key is not configured", "/headers/Authorization");
            return;
        }
        rc.next();
    }
}
