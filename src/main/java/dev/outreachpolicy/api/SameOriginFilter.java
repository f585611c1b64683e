package dev.outreachpolicy.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a cross-site browser request that would change something (any method but GET, HEAD and OPTIONS): a page on
 * another site can make a browser POST a form or a {@code text/plain} body to the service, and in the no-key mode
 * nothing else stops it. A request is cross-site when its {@code Sec-Fetch-Site} says {@code cross-site} or
 * {@code same-site}, or its {@code Origin} is not the service's own (scheme aside, so that a proxy ending TLS does not
 * matter) nor one of the CORS origins an operator configured ({@code QUARKUS_HTTP_CORS_ORIGINS}; CORS is off by
 * default). Clients that send neither header (curl, agents, servers) are not browsers and pass. The legal page's own
 * forms are same-origin and pass.
 */
@ApplicationScoped
public class SameOriginFilter {
    static final int PRIORITY = 800;
    private final Set<String> corsOrigins;

    public SameOriginFilter(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean cors,
                            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<String> origins) {
        this.corsOrigins = !cors ? Set.of() : Arrays.stream(origins.orElse("").split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        HttpMethod m = rc.request().method();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS) {
            rc.next();
            return;
        }
        String origin = rc.request().getHeader("Origin");
        String fetchSite = rc.request().getHeader("Sec-Fetch-Site");
        boolean configured = origin != null && corsOrigins.contains(origin.trim().toLowerCase(Locale.ROOT));
        if (fetchSite != null && !configured) {
            String s = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (!s.equals("same-origin") && !s.equals("none")) {
                refuse(rc, "Sec-Fetch-Site is " + s + ": a page of another site cannot change this service", "/headers/Sec-Fetch-Site");
                return;
            }
        }
        boolean browserSaysSameOrigin = fetchSite != null && fetchSite.trim().equalsIgnoreCase("same-origin");
        if (origin != null && !configured && !browserSaysSameOrigin && !sameOrigin(origin, HostFilter.addressedHost(rc.request()))) {
            refuse(rc, "Origin " + (origin.length() > 100 ? origin.substring(0, 100) + "…" : origin)
                + " is not this service: a page of another site cannot change this service", "/headers/Origin");
            return;
        }
        rc.next();
    }

    private static void refuse(RoutingContext rc, String detail, String pointer) {
        HttpProblem.send(rc, 403, "cross-site-request", "Cross-site request refused", detail, pointer);
    }

    /** Whether an Origin names the host and port the request was sent to (the Host header). */
    static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        URI o;
        try {
            o = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (o.getHost() == null || o.getScheme() == null) {
            return false; // "null" (sandboxed frames, file:) and anything that is not scheme://host
        }
        String scheme = o.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
        String originHost = o.getHost().toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String host;
        int port;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            host = end < 0 ? h : h.substring(1, end);
            port = end >= 0 && h.length() > end + 2 && h.charAt(end + 1) == ':' ? parsePort(h.substring(end + 2)) : defaultPort;
        } else {
            int colon = h.lastIndexOf(':');
            host = colon < 0 ? h : h.substring(0, colon);
            port = colon < 0 ? defaultPort : parsePort(h.substring(colon + 1));
        }
        return originHost.equals(host) && originPort == port;
    }

    private static int parsePort(String p) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
