package dev.outreachpolicy.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request body limits per endpoint. {@code POST /v1/decisions:stream} takes a body of any length (it is read a line at
 * a time, memory stays flat), so Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) is set far above any
 * other endpoint's need, and this handler, which runs right after Quarkus's, brings every other endpoint back to
 * {@code policy.http.max-body-size} (default 64M, the last guard behind {@link RequestLimits}' 10 MiB): a declared length
 * above it is a 413 problem at once, and a chunked body is cut by Quarkus when it passes it.
 */
@ApplicationScoped
public class BodyLimits {
    /** The routing-context key under which Quarkus enforces the limit of a chunked body while it is read. */
    static final String QUARKUS_LIMIT_KEY = "io.quarkus.max-request-size";

    /** The streaming endpoint, whose body may be of any length. */
    static boolean isStream(String path) {
        return path != null && (path.equals("/v1/decisions:stream") || path.equalsIgnoreCase("/v1/decisions%3Astream"));
    }

    void install(@Observes Router router, @ConfigProperty(name = "policy.http.max-body-size", defaultValue = "64M") MemorySize limit) {
        long max = limit.asLongValue();
        // Quarkus's own limit handler has order -2; this one runs after it and before any endpoint.
        router.route().order(-1).handler(ctx -> {
            if (isStream(ctx.request().path())) {
                ctx.remove(QUARKUS_LIMIT_KEY);
                ctx.next();
                return;
            }
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                long length;
                try {
                    length = Long.parseLong(declared.trim());
                } catch (NumberFormatException e) {
                    length = Long.MAX_VALUE;
                }
                if (length > max) {
                    ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end("{\"type\":\"/problems/too-large\",\"title\":\"The request body is too large\",\"status\":413,"
                            + "\"detail\":\"a request body takes at most " + max + " bytes; send long lists to POST /v1/decisions:stream\"}");
                    return;
                }
            }
            ctx.put(QUARKUS_LIMIT_KEY, max);
            ctx.next();
        });
    }
}
