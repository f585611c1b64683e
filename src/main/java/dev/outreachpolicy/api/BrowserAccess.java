package dev.outreachpolicy.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * How a browser reaches the legal page when keys are set: by the session cookie of a sign-in, on the page's own
 * paths ({@code /legal} and below) only. A browser without a session is sent to the sign-in form; a request with
 * an {@code Authorization} header never looks at the cookie.
 */
@ApplicationScoped
public class BrowserAccess {
    @Inject
    BrowserSessions sessions;

    @Inject
    SignedIn signedIn;

    @Inject
    Problems problems;

    static boolean isLegalPage(ContainerRequestContext ctx) {
        String path = ctx.getUriInfo().getPath();
        return path.equals("/legal") || path.startsWith("/legal/");
    }

    /** Admits a request by its session cookie, or answers: a redirect to the sign-in form, 401 or 403. */
    Response admit(ContainerRequestContext ctx, Role needed, Caller caller) {
        Optional<BrowserSessions.Session> session = find(ctx);
        if (session.isEmpty()) {
            if ("GET".equals(ctx.getMethod())) {
                return Response.seeOther(URI.create("/legal/sign-in")).build();
            }
            return problems.response(problems.problem(401, "unauthenticated", "Sign in first",
                "the session has ended or this browser never signed in: open /legal/sign-in"));
        }
        BrowserSessions.Session s = session.get();
        if (!s.role().atLeast(needed)) {
            return problems.response(problems.forbidden("this page needs the " + needed.name().toLowerCase(Locale.ROOT) + " role"));
        }
        caller.identify(s.role(), s.name());
        caller.keyId(s.keyId());
        signedIn.set(s);
        return null;
    }

    /** Loopback mode (no keys): the page still keeps a session, for the CSRF token of its forms. */
    void attach(ContainerRequestContext ctx) {
        if (isLegalPage(ctx)) {
            find(ctx).ifPresent(signedIn::set);
        }
    }

    private Optional<BrowserSessions.Session> find(ContainerRequestContext ctx) {
        Cookie c = ctx.getCookies().get(BrowserSessions.COOKIE);
        return c == null ? Optional.empty() : sessions.find(c.getValue());
    }
}
