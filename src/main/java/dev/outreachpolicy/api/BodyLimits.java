package dev.outreachpolicy.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request body limits per endpoint. {@code POST /v1/decisions:stream} takes a body of any length (it is read a line at
 * a time, memory stays flat), so Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) is set far above any
 * other endpoint's need, and this handler, which runs right after Quarkus's, brings every other endpoint back to
 * {@code policy.http.max-body-size} (default 64M, the last guard behind {@link RequestLimits}' 10 MiB): a declared length
 * above it is a 413 problem at once. A body of undeclared length (chunked) is read here, within {@link RequestLimits}' 10
 * MiB, and one that passes it is a 413 problem too (a form of undeclared length is left to Quarkus's own cut).
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
            // Only the API's resources take a body read here: other routes (MCP, forms) read the request themselves.
            if (declared == null && ctx.request().path().startsWith("/v1/") && !isForm(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE))
                && hasBody(ctx)) {
                readWithin(ctx, Math.min(max, RequestLimits.MAX_BODY));
                return;
            }
            ctx.next();
        });
    }

    /**
     * A body of undeclared length (chunked, or HTTP/2 without content-length) read here, up to {@code limit} bytes, and
     * handed to the endpoint whole; one that passes the limit is a 413 problem at once. Quarkus's own cut, further on,
     * would answer a 413 without a body.
     */
    private static void readWithin(RoutingContext ctx, long limit) {
        HttpServerRequest req = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > limit) {
                refused[0] = true;
                req.handler(null);
                HttpProblem.send(ctx, 413, "body-too-large", "Request body too large", "the body holds more than " + limit
                    + " bytes; at most " + limit + " are taken (split an import into several files, send long lists to "
                    + "POST /v1/decisions:stream)", "/");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            refused[0] = true;
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONNECTION, "close").end();
            }
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(req.getHeader(HttpHeaders.EXPECT))) {
            ctx.response().writeContinue();
        }
        req.resume();
    }

    private static boolean hasBody(RoutingContext ctx) {
        io.vertx.core.http.HttpMethod m = ctx.request().method();
        return !(m == io.vertx.core.http.HttpMethod.GET || m == io.vertx.core.http.HttpMethod.HEAD || m == io.vertx.core.http.HttpMethod.OPTIONS)
            && !ctx.request().isEnded();
    }

    /** Forms are parsed by Quarkus from the request itself; browsers declare their length anyway. */
    private static boolean isForm(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("multipart/") || t.startsWith("application/x-www-form-urlencoded");
    }
}
