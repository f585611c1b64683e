package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.consent.ConsentDraft;
import dev.outreachpolicy.engine.consent.ConsentReceipt;
import dev.outreachpolicy.consents.ConsentStore;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.input.JsonBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/consents}: the register of consent receipts. Only the system that captures consent (a {@code legal} key)
 * records a receipt; an agent may withdraw one (restrict what it may do), never grant itself permission.
 */
@Path("/v1/consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ConsentResource {
    @Inject
    ConsentStore store;

    @Inject
    Problems problems;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Allowed(Role.LEGAL)
    public Response record(String body) {
        ConsentReceipt r = store.record(ConsentDraft.parse(JsonBody.parse(body), ConsentDraft.today()), caller.recordedBy());
        return Response.status(201).entity(r.toJson().toString()).build();
    }

    @POST
    @Path("/{id}/withdraw")
    @Allowed(Role.AGENT)
    public Response withdraw(@PathParam("id") String id, String body) {
        Instant now = Instant.now();
        Instant at = now;
        if (body != null && !body.isBlank()) {
            List<FieldError> errors = new ArrayList<>();
            Fields f = Fields.root(JsonBody.parse(body), errors);
            Instant given = f.instant("at");
            f.finish();
            if (given != null && given.isAfter(now)) {
                errors.add(new FieldError("/at", "must not lie in the future"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            at = given == null ? now : given;
        }
        return store.withdraw(id, at, caller.recordedBy())
            .map(w -> {
                ObjectNode out = json.createObjectNode();
                out.put("id", w.id()).put("withdrawnAt", w.withdrawnAt().toString()).put("recordedAt", w.recordedAt().toString())
                    .put("alreadyWithdrawn", !w.created());
                return Response.ok(out.toString()).build();
            })
            .orElseGet(() -> problems.notFound("No such consent receipt", "no receipt " + id));
    }

    @GET
    @Allowed(Role.LEGAL)
    public Response list(@QueryParam("ref") String ref) {
        if (ref == null || ref.isBlank()) {
            throw new InvalidInputException("/ref", "is required: the person's ref (prospect.ref)");
        }
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (ConsentStore.Listed l : store.list(ref)) {
            items.add(l.receipt().map(ConsentReceipt::toJson).orElseGet(() -> json.createObjectNode().put("id", l.id())
                .put("recordedAt", l.recordedAt().toString()).put("recordedBy", l.recordedBy()).put("unreadable", true)
                .put("detail", "the person was erased: the receipt can no longer be read and no decision uses it")));
        }
        return Response.ok(out.toString()).build();
    }
}
