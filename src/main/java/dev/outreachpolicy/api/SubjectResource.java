package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.audit.SubjectKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code DELETE /v1/subjects/{ref}}: erases a person from the decision records by destroying their key. The
 * records stay (append-only) with what was decided and the masked facts; the suppression list keeps its hash.
 */
@Path("/v1/subjects")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class SubjectResource {
    @Inject
    SubjectKeys subjects;

    @Inject
    ObjectMapper json;

    @DELETE
    @Path("/{ref}")
    @Allowed(Role.ADMIN)
    public Response erase(@PathParam("ref") String ref) {
        boolean erased = subjects.erase(ref);
        return Response.ok(json.createObjectNode().put("ref", ref).put("erased", erased)
            .put("detail", erased ? "the person's key is destroyed; their decision records can no longer be read or replayed"
                : "no key was held for this person").toString()).build();
    }
}
