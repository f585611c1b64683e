package dev.outreachpolicy.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Roles on every endpoint. {@code POLICY_API_KEYS} holds {@code role:key} pairs, read once by {@link ApiKeys}; callers send
 * {@code Authorization: Bearer <key>}. With no keys configured the service listens on loopback only and serves only
 * loopback callers, each acting as admin (even if it was told to listen wider, as in a container). An endpoint without
 * {@link Allowed} is refused, so none is left open by mistake.
 */
public class AccessFilter {
    @Inject
    ApiKeys keys;

    @Inject
    Problems problems;

    @Inject
    Caller caller;

    @Inject
    BrowserAccess browser;

    @ServerRequestFilter
    public jakarta.ws.rs.core.Response check(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest http) {
        Method m = resource.getResourceMethod();
        if (m == null) {
            return null;
        }
        if (m.isAnnotationPresent(Open.class)) {
            return null;
        }
        Allowed allowed = m.getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            return problems.response(problems.forbidden("this endpoint declares no role"));
        }
        if (!keys.configured()) {
            if (!ApiKeys.fromLoopback(http)) {
                return problems.response(problems.problem(403, "forbidden", "No API keys are configured",
                    "without POLICY_API_KEYS only callers on this machine (loopback) are served"));
            }
            caller.identify(Role.ADMIN, "local");
            caller.keyId("local");
            browser.attach(ctx);
            return null;
        }
        String auth = ctx.getHeaderString("Authorization");
        if (auth == null && BrowserAccess.isLegalPage(ctx)) {
            return browser.admit(ctx, allowed.value(), caller);
        }
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return jakarta.ws.rs.core.Response.fromResponse(problems.response(problems.problem(401, "unauthenticated",
                "An API key is required", "send Authorization: Bearer <key>"))).header("WWW-Authenticate", "Bearer").build();
        }
        Role role = keys.lookup(auth.substring(7).trim()).orElse(null);
        if (role == null) {
            return problems.response(problems.problem(401, "unauthenticated", "Unknown API key", "the key is not configured"));
        }
        if (!role.atLeast(allowed.value())) {
            return problems.response(problems.forbidden("this endpoint needs the " + allowed.value().name().toLowerCase(Locale.ROOT)
                + " role; the key has the " + role.name().toLowerCase(Locale.ROOT) + " role"));
        }
        caller.identify(role, role.name().toLowerCase(Locale.ROOT));
        caller.keyId(ApiKeys.keyId(auth.substring(7).trim()));
        return null;
    }
}
