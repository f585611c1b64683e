package dev.outreachpolicy.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Custom methods are written with a colon ({@code /v1/decisions:batch}, {@code /v1/suppressions:import}); some HTTP
 * clients send the colon percent-encoded. This turns {@code %3A} back into {@code :} before the route is matched.
 */
public class ColonPaths {

    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext ctx) {
        URI uri = ctx.getUriInfo().getRequestUri();
        String raw = uri.getRawPath();
        if (raw != null && (raw.contains("%3A") || raw.contains("%3a"))) {
            String path = raw.replace("%3A", ":").replace("%3a", ":");
            String query = uri.getRawQuery();
            ctx.setRequestUri(URI.create(path + (query == null ? "" : "?" + query)));
        }
    }
}
