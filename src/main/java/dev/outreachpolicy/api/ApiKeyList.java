package dev.outreachpolicy.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one parser of {@code POLICY_API_KEYS}. {@link ApiKeys} holds its result for every guard (the API's roles, MCP,
 * metrics, the legal page's sign-in, the Host check, readiness); {@link dev.outreachpolicy.Main} asks it before Quarkus
 * starts, to decide on which interfaces to listen. Nothing here logs: it runs before logging is set up.
 */
public final class ApiKeyList {
    private ApiKeyList() { }

    /**
     * The keys of a {@code POLICY_API_KEYS} value and their roles: {@code role:key} pairs, comma-separated, blanks around
     * each part ignored. A pair that is not {@code role:key}, an unknown role, or one key listed under two roles is refused
     * with the reason (never the key).
     */
    public static Map<String, Role> parse(String value) {
        Map<String, Role> keys = new LinkedHashMap<>();
        for (String pair : (value == null ? "" : value).split(",")) {
            String p = pair.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            if (colon <= 0 || colon == p.length() - 1) {
                throw new IllegalStateException("POLICY_API_KEYS: \"" + p.replaceAll(":.*", ":…") + "\" is not role:key");
            }
            String roleName = p.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            Role role;
            try {
                role = Role.valueOf(roleName);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("POLICY_API_KEYS: unknown role " + roleName.toLowerCase(Locale.ROOT) + " (agent, legal, admin)");
            }
            String key = p.substring(colon + 1).trim();
            Role before = keys.put(key, role);
            if (before != null && before != role) {
                throw new IllegalStateException("POLICY_API_KEYS: one key is listed under two roles (" + before.name().toLowerCase(Locale.ROOT)
                    + " and " + role.name().toLowerCase(Locale.ROOT) + "); give each role its own key");
            }
        }
        return keys;
    }
}
