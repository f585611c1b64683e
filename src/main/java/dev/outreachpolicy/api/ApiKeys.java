package dev.outreachpolicy.api;

import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys of {@code POLICY_API_KEYS} ({@code role:key} pairs) and who may call without one: with no keys configured,
 * only callers on this machine (loopback), each acting as admin. Shared by the HTTP API's filter and the MCP endpoint's.
 */
public final class ApiKeys {
    private final Map<String, Role> keys;

    public ApiKeys(Optional<String> configured) {
        Map<String, Role> parsed = new LinkedHashMap<>();
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
                parsed.put(p.substring(colon + 1).trim(), Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("POLICY_API_KEYS: unknown role " + role.toLowerCase(Locale.ROOT) + " (agent, legal, admin)");
            }
        }
        this.keys = Collections.unmodifiableMap(parsed);
    }

    public boolean none() { return keys.isEmpty(); }

    /** The role of a presented key, compared in constant time with every configured key; null when unknown. */
    public Role lookup(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<String, Role> e : keys.entrySet()) {
            if (MessageDigest.isEqual(p, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return found;
    }

    public static boolean fromLoopback(HttpServerRequest http) {
        if (http == null || http.remoteAddress() == null || http.remoteAddress().host() == null) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(http.remoteAddress().host()).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
