package dev.outreachpolicy.api;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Signing in to the legal page from a browser when keys are set: the form takes a legal or admin key (and the
 * reader's name, which is recorded with their verdicts) and answers with the session cookie; the key itself is
 * never stored nor sent again. Signing out ends the session on every instance.
 */
@Path("/legal")
public class LegalSignIn {
    @Inject
    @Location("legal-sign-in.html")
    Template form;

    @Inject
    ApiKeys access;

    @Inject
    BrowserSessions sessions;

    @Inject
    SignedIn signedIn;

    @GET
    @Path("/sign-in")
    @Produces(MediaType.TEXT_HTML)
    @Open
    public Response form() {
        if (!access.configured()) {
            return Response.seeOther(URI.create("/legal")).build();
        }
        return Response.ok(form.data("error", null).data("name", "").render()).build();
    }

    @POST
    @Path("/sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Open
    public Response signIn(@FormParam("key") String key, @FormParam("name") String name) {
        if (!access.configured()) {
            return Response.seeOther(URI.create("/legal")).build();
        }
        String who = name == null ? "" : name.strip();
        Role role = access.roleOf(key);
        String error = null;
        if (who.isEmpty() || who.length() > 80) {
            error = "Give your name (up to 80 characters): it is recorded with every verdict you give.";
        } else if (role == null) {
            error = "This key is not one of the service's keys.";
        } else if (!role.atLeast(Role.LEGAL)) {
            error = "This is an agent key: the legal page needs a legal or admin key.";
        }
        if (error != null) {
            return Response.status(401).entity(form.data("error", error).data("name", who).render()).build();
        }
        String id = sessions.open(role, who + " (" + role.name().toLowerCase(java.util.Locale.ROOT) + " key)", ApiKeys.keyId(key.trim()));
        return Response.seeOther(URI.create("/legal")).cookie(sessions.cookie(id)).build();
    }

    @POST
    @Path("/sign-out")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Allowed(Role.LEGAL)
    public Response signOut(@CookieParam(BrowserSessions.COOKIE) String cookie, @FormParam("csrf") String csrf) {
        if (signedIn.session().isPresent() && !BrowserSessions.csrfMatches(signedIn.session().get(), csrf)) {
            return Response.status(403).type(MediaType.TEXT_PLAIN).entity("This form is out of date: open /legal again.").build();
        }
        sessions.close(cookie);
        return Response.seeOther(URI.create(access.configured() ? "/legal/sign-in" : "/legal")).cookie(sessions.expiredCookie()).build();
    }
}
