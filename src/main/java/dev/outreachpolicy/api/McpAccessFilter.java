package dev.outreachpolicy.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Roles on the MCP endpoint. JAX-RS filters do not run for {@code /mcp}, so this Vert.x filter asks for the same keys
 * as {@link AccessFilter} (Bearer header; with no keys configured, loopback callers only) before the MCP server sees a
 * request, and leaves the caller's role on the request for the tools, which each check their own least role. The older
 * SSE transport ({@code /mcp/sse}, {@code /mcp/messages/…}) is not served: Streamable HTTP at {@code /mcp} only.
 */
@ApplicationScoped
public class McpAccessFilter {
    /** The routing-context key under which the caller's {@link Role} is left for the tools. */
    public static final String ROLE = "outreach-policy.role";
    private static final int PRIORITY = 100;
    @Inject
    ApiKeys keys;

    @Inject
    Problems problems;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    /** The role the filter found for this MCP request, or null outside one. */
    public static Role role(RoutingContext rc) {
        return rc == null ? null : rc.get(ROLE);
    }

    void check(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (!path.equals("/mcp") && !path.startsWith("/mcp/")) {
            rc.next();
            return;
        }
        if (!path.equals("/mcp")) {
            send(rc, problems.problem(404, "not-found", "Not served",
                "the MCP server speaks Streamable HTTP at /mcp only; the SSE transport is not served"), false);
            return;
        }
        if (!keys.configured()) {
            if (!ApiKeys.fromLoopback(rc.request())) {
                send(rc, problems.problem(403, "forbidden", "No API keys are configured",
                    "without POLICY_API_KEYS only callers on this machine (loopback) are served"), false);
                return;
            }
            rc.put(ROLE, Role.ADMIN);
            rc.next();
            return;
        }
        String auth = rc.request().getHeader("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            send(rc, problems.problem(401, "unauthenticated", "An API key is required", "send Authorization: Bearer <key>"), true);
            return;
        }
        Role role = keys.lookup(auth.substring(7).trim()).orElse(null);
        if (role == null) {
            send(rc, problems.problem(401, "unauthenticated", "Unknown API key", "the key is not configured"), true);
            return;
        }
        rc.put(ROLE, role);
        rc.next();
    }

    private static void send(RoutingContext rc, com.fasterxml.jackson.databind.node.ObjectNode problem, boolean challenge) {
        var response = rc.response().setStatusCode(problem.get("status").asInt()).putHeader("Content-Type", Problems.MEDIA_TYPE);
        if (challenge) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        response.end(problem.toString());
    }
}
