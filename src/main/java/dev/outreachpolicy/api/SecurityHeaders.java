package dev.outreachpolicy.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers every answer carries ({@code nosniff}, no framing, no referrer to other sites; {@code no-referrer} would make
 * browsers send {@code Origin: null} on the page's own form posts), and for the legal page, which shows
 * personal data a reviewer types in, a Content-Security-Policy that allows only the page's own resources (its inline
 * style included; no inline script), forms posting only to itself, no framing, and no caching.
 */
@ApplicationScoped
public class SecurityHeaders {
    static final int PRIORITY = 1100;
    public static final String LEGAL_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; script-src 'self'; img-src 'self' data:; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    void register(@Observes Filters filters) {
        filters.register(this::add, PRIORITY);
    }

    void add(RoutingContext rc) {
        boolean legal = rc.normalizedPath().equals("/legal") || rc.normalizedPath().startsWith("/legal/");
        rc.addHeadersEndHandler(v -> {
            MultiMap h = rc.response().headers();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "same-origin");
            if (legal) {
                h.set("Content-Security-Policy", LEGAL_CSP);
                h.set("Cache-Control", "no-store");
                h.set("Cross-Origin-Opener-Policy", "same-origin");
                h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            }
        });
        rc.next();
    }
}
