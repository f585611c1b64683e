package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem document written by the filters that run in front of the resources (host, origin, limits), where the
 * JAX-RS exception mappers do not reach: the same {@code application/problem+json} shape as {@link Problems}.
 */
final class HttpProblem {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpProblem() { }

    /** Ends the exchange with the problem; {@code pointer} names the offending part (a header, a parameter). */
    static void send(RoutingContext rc, int status, String slug, String title, String detail, String pointer) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "/problems/" + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        if (pointer != null) {
            p.putArray("errors").addObject().put("pointer", pointer).put("message", detail);
        }
        rc.response().setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE);
        if (status == 413 || status == 414 || status == 431) {
            rc.response().putHeader("Connection", "close");
        }
        rc.response().end(p.toString());
    }
}
