package dev.outreachpolicy.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose {@code Host} is not the service's own: DNS rebinding lets a web page address a service on
 * the victim's loopback under the attacker's host name, and in the no-key mode that service asks for no key. Without
 * {@code POLICY_API_KEYS}, only loopback names ({@code localhost}, {@code *.localhost}, {@code 127.0.0.1},
 * {@code [::1]}) and the hosts in {@code POLICY_ALLOWED_HOSTS} are served. With keys, the check applies when
 * {@code POLICY_ALLOWED_HOSTS} is set (health stays open for probes that address the service by its IP).
 */
@ApplicationScoped
public class HostFilter {
    static final int PRIORITY = 900;
    private final boolean keys;
    private final Set<String> allowed;

    public HostFilter(ApiKeys apiKeys, @ConfigProperty(name = "policy.http.allowed-hosts") Optional<String> allowedHosts) {
        this.keys = apiKeys.configured();
        this.allowed = Arrays.stream(allowedHosts.orElse("").split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        if (keys && allowed.isEmpty()) {
            rc.next();
            return;
        }
        if (keys && rc.normalizedPath().startsWith("/q/health")) {
            rc.next();
            return;
        }
        String host = hostName(addressedHost(rc.request()));
        if (host == null) {
            HttpProblem.send(rc, 400, "host-required", "A Host header is required", "send the service's own host name", "/headers/Host");
            return;
        }
        if (allowed.contains(host) || loopback(host)) {
            rc.next();
            return;
        }
        HttpProblem.send(rc, 403, "host-not-allowed", "Not this service's host name",
            "this service answers only to its own host names (loopback" + (allowed.isEmpty() ? "" : " and POLICY_ALLOWED_HOSTS")
                + "); a foreign Host is a DNS-rebinding attempt", "/headers/Host");
    }

    /**
     * The host the client addressed: HTTP/1.1's {@code Host} header, or HTTP/2's {@code :authority}, which stands in
     * for it (an HTTP/2 request, such as one upgraded with h2c by Java's default HTTP client, carries no Host header).
     */
    static String addressedHost(io.vertx.core.http.HttpServerRequest request) {
        String header = request.getHeader("Host");
        if ((header == null || header.isBlank()) && request.authority() != null) {
            io.vertx.core.net.HostAndPort a = request.authority();
            String h = a.host().contains(":") && !a.host().startsWith("[") ? "[" + a.host() + "]" : a.host();
            return a.port() >= 0 ? h + ":" + a.port() : h;
        }
        return header;
    }

    /** The host name of a Host header, lower case, without port or IPv6 brackets; null when absent or malformed. */
    static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        String name = colon >= 0 ? h.substring(0, colon) : h;
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.isEmpty() ? null : name;
    }

    static boolean loopback(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        // Only literal addresses: never resolve a name here (that is what rebinding abuses).
        if (!host.matches("[0-9.]+") && !host.matches("[0-9a-f:.]+")) {
            return false;
        }
        if (host.matches("[0-9.]+") && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }
}
