package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.input.JsonBody;
import dev.outreachpolicy.plan.PlanService;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.idempotency.IdempotencyStore;
import dev.outreachpolicy.idempotency.SavedAnswer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code POST /v1/plans}: every step and channel for one prospect in one call, each cell recorded as a decision. */
@Path("/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PlanResource {
    @Inject
    PlanService plans;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Caller caller;

    @POST
    @Allowed(Role.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response plan(String body, @HeaderParam("Idempotency-Key") String key) {
        IdempotencyKey idem = IdempotencyKey.of("POST /v1/plans", key, body, caller.identity());
        Optional<Response> saved = idempotency.replay(idem).map(SavedAnswer::response);
        if (saved.isPresent()) {
            return saved.get();
        }
        JsonNode request = JsonBody.parse(body);
        return Response.ok(plans.plan(request, caller.role().atLeast(Role.LEGAL), idem), MediaType.APPLICATION_JSON).build();
    }
}
