package dev.outreachpolicy.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Roles on every endpoint. {@code POLICY_API_KEYS} holds {@code role:key} pairs; callers send
 * {@code Authorization: Bearer <key>}. With no keys configured the service listens on loopback only and serves only
 * loopback callers, each acting as admin (even if it was told to listen wider, as in a container). An endpoint without
 * {@link Allowed} is refused, so none is left open by mistake.
 */
public class AccessFilter {
    private final Map<String, Role> keys = new LinkedHashMap<>();

    @Inject
    Problems problems;

    @Inject
    Caller caller;

    public AccessFilter(@ConfigProperty(name = "policy.api-keys") java.util.Optional<String> configured) {
        for (String pair : configured.orElse("").split(",")) {
            String p = pair.trim();
            int colon = p.indexOf(':');
            if (p.isEmpty()) {
                continue;
            }
            if (colon <= 0 || colon == p.length() - 1) {
                throw new IllegalStateException("POLICY_API_KEYS: \"" + p.replaceAll(":.*", ":…") + "\" is not role:key");
            }
            String role = p.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            try {
                keys.put(p.substring(colon + 1).trim(), Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("POLICY_API_KEYS: unknown role " + role.toLowerCase(Locale.ROOT) + " (agent, legal, admin)");
            }
        }
    }

    @ServerRequestFilter
    public jakarta.ws.rs.core.Response check(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest http) {
        Method m = resource.getResourceMethod();
        if (m == null) {
            return null;
        }
        Allowed allowed = m.getAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = resource.getResourceClass().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            return problems.response(problems.forbidden("this endpoint declares no role"));
        }
        if (keys.isEmpty()) {
            if (!fromLoopback(http)) {
                return problems.response(problems.problem(403, "forbidden", "No API keys are configured",
                    "without POLICY_API_KEYS only callers on this machine (loopback) are served"));
            }
            caller.identify(Role.ADMIN, "local");
            caller.keyId("local");
            return null;
        }
        String auth = ctx.getHeaderString("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return problems.response(problems.problem(401, "unauthenticated", "An API key is required",
                "send Authorization: Bearer <key>"));
        }
        Role role = lookup(auth.substring(7).trim());
        if (role == null) {
            return problems.response(problems.problem(401, "unauthenticated", "Unknown API key", "the key is not configured"));
        }
        if (!role.atLeast(allowed.value())) {
            return problems.response(problems.forbidden("this endpoint needs the " + allowed.value().name().toLowerCase(Locale.ROOT)
                + " role; the key has the " + role.name().toLowerCase(Locale.ROOT) + " role"));
        }
        caller.identify(role, role.name().toLowerCase(Locale.ROOT));
        caller.keyId(keyId(auth.substring(7).trim()));
        return null;
    }

    private static boolean fromLoopback(HttpServerRequest http) {
        if (http == null || http.remoteAddress() == null || http.remoteAddress().host() == null) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(http.remoteAddress().host()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** A stable, non-secret name for a key: what registers keep as who recorded an entry. */
    static String keyId(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key-" + java.util.HexFormat.of().formatHex(d).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Role lookup(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<String, Role> e : keys.entrySet()) {
            if (MessageDigest.isEqual(p, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return found;
    }
}
