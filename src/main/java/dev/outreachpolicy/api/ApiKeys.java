package dev.outreachpolicy.api;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POLICY_API_KEYS}, parsed here and only here ({@link AccessFilter}, {@link McpAccessFilter}, the metrics guard and
 * the legal page's sign-in ask this bean), and checked when the service starts, not at the first request: a pair that is not
 * {@code role:key}, an unknown role, or one key listed under two roles stops the start with the reason (a key under
 * two roles would get whichever came last). The start-up log says which access mode is active, never a key.
 */
@Startup
@ApplicationScoped
public class ApiKeys {
    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private final Map<String, Role> keys = new LinkedHashMap<>();

    public ApiKeys(@ConfigProperty(name = "policy.api-keys") Optional<String> configured) {
        keys.putAll(ApiKeyList.parse(configured.orElse("")));
        Map<Role, Integer> perRole = new EnumMap<>(Role.class);
        keys.values().forEach(r -> perRole.merge(r, 1, Integer::sum));
        if (keys.isEmpty()) {
            LOG.info("Access mode: loopback only, no API key asked (POLICY_API_KEYS is unset); Host must be a loopback name"
                + " or listed in POLICY_ALLOWED_HOSTS");
        } else {
            StringBuilder roles = new StringBuilder();
            perRole.forEach((r, n) -> roles.append(roles.length() == 0 ? "" : ", ").append(n).append(' ').append(r.name().toLowerCase(Locale.ROOT)));
            LOG.infof("Access mode: API keys (%s); every endpoint but /q/health and /q/openapi needs a key", roles);
        }
    }

    public boolean configured() { return !keys.isEmpty(); }



    /** The role of a presented key, compared in constant time against every configured key. */
    public Optional<Role> lookup(String presented) {
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        Role found = null;
        for (Map.Entry<String, Role> e : keys.entrySet()) {
            if (MessageDigest.isEqual(p, e.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = e.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The role of a key presented on the legal page's sign-in form, or null for one that is not configured. */
    Role roleOf(String presented) { return presented == null ? null : lookup(presented.trim()).orElse(null); }

    /** A stable, non-secret name for a key: what records, reviews and registers keep as who asked. */
    static String keyId(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "key-" + java.util.HexFormat.of().formatHex(d).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the caller is on this machine: the only callers served when no keys are configured. */
    public static boolean fromLoopback(io.vertx.core.http.HttpServerRequest http) {
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
