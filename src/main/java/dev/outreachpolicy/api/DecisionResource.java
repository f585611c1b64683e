package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.audit.DecisionReviews;
import dev.outreachpolicy.audit.RecordReader;
import dev.outreachpolicy.decision.DecisionService;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.input.JsonBody;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.idempotency.IdempotencyStore;
import dev.outreachpolicy.idempotency.SavedAnswer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import dev.outreachpolicy.logging.DecisionLogContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** {@code /v1/decisions}: evaluate one or a batch, read a record, search records, review a REVIEW. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class DecisionResource {
    private static final Set<String> VERDICTS = Set.of("PERMIT", "DENY");

    @Inject
    DecisionService decisions;

    @Inject
    RecordReader records;

    @Inject
    DecisionReviews reviews;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    Problems problems;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Path("/decisions")
    @Allowed(Role.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> decide(String body, @HeaderParam("Idempotency-Key") String key) {
        // Served on the event loop, which never waits: the body is already read, the request is read strictly here,
        // the store's reads and the record are made in groups by their own threads and the rules run on a thread per
        // core (DecisionService#decideLater). The answer leaves from the request's own context once the record is durable.
        IdempotencyKey idem = IdempotencyKey.of("POST /v1/decisions", key, body, caller.identity());
        boolean whatIf = caller.role().atLeast(Role.LEGAL);
        Optional<String> who = decisions.callerIdentity();
        AtomicReference<String> decisionId = new AtomicReference<>();
        CompletableFuture<Response> answer;
        if (idem == null) {
            JsonNode request = JsonBody.parse(body);
            answer = decisions.decideLater(request, whatIf, null, who, decisionId::set).thenApply(DecisionResource::ok);
        } else {
            // the answer saved for the key is read off the event loop, before the request is read (as a retry expects)
            answer = CompletableFuture.supplyAsync(() -> idempotency.replay(idem).map(SavedAnswer::response), decisions.lookups()).thenCompose(saved ->
                saved.isPresent() ? CompletableFuture.completedFuture(saved.get())
                    : decisions.decideLater(JsonBody.parse(body), whatIf, idem, who, decisionId::set).thenApply(DecisionResource::ok));
        }
        return onRequestContext(answer, decisionId);
    }

    private static Response ok(String json) {
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    /**
     * The answer completed on the request's own Vert.x context, with the decision id on its log context: the exception
     * mappers (a failed record is logged with the decision's id) and the response filters run there as for any request.
     */
    static CompletionStage<Response> onRequestContext(CompletableFuture<Response> answer, AtomicReference<String> decisionId) {
        Context context = Vertx.currentContext();
        CompletableFuture<Response> out = new CompletableFuture<>();
        answer.whenComplete((r, t) -> {
            Runnable finish = () -> {
                if (decisionId.get() != null) {
                    DecisionLogContext.enter(decisionId.get());
                }
                if (t == null) {
                    out.complete(r);
                } else {
                    out.completeExceptionally(t instanceof CompletionException && t.getCause() != null ? t.getCause() : t);
                }
            };
            if (context != null) {
                context.runOnContext(v -> finish.run());
            } else {
                finish.run();
            }
        });
        return out;
    }

    @POST
    @Path("/decisions:batch")
    @Allowed(Role.AGENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response batch(String body, @HeaderParam("Idempotency-Key") String key) {
        IdempotencyKey idem = IdempotencyKey.of("POST /v1/decisions:batch", key, body, caller.identity());
        Optional<Response> saved = idempotency.replay(idem).map(SavedAnswer::response);
        if (saved.isPresent()) {
            return saved.get();
        }
        JsonNode request = JsonBody.parseUnchecked(body);
        return Response.ok(decisions.decideAll(request, caller.role().atLeast(Role.LEGAL), idem, problems), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/decisions/{id}")
    @Allowed(Role.AGENT)
    public Response get(@PathParam("id") String id) {
        return records.get(id).map(r -> Response.ok(r.toString(), MediaType.APPLICATION_JSON).build())
            .orElseGet(() -> problems.notFound("No such decision", "no decision " + id));
    }

    @GET
    @Path("/decisions")
    @Allowed(Role.LEGAL)
    public Response search(@QueryParam("ref") String ref, @QueryParam("campaign") String campaign, @QueryParam("from") String from,
                           @QueryParam("to") String to, @QueryParam("limit") String limit) {
        List<FieldError> errors = new ArrayList<>();
        Instant f = instant("from", from, errors);
        Instant t = instant("to", to, errors);
        int n = QueryParams.limit("limit", limit, 100, 1000, errors);
        if (f != null && t != null && f.isAfter(t)) {
            errors.add(new FieldError("/from", "must not lie after to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        ObjectNode out = json.createObjectNode();
        out.putArray("items").addAll(records.search(ref, campaign, f, t, n));
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("/decisions/{id}/review")
    @Allowed(Role.LEGAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response review(@PathParam("id") String id, String body) {
        List<FieldError> errors = new ArrayList<>();
        Fields f = Fields.root(JsonBody.parse(body), errors);
        String verdict = f.requiredEnum("verdict", VERDICTS);
        String rationale = f.requiredString("rationale");
        String reviewer = f.string("reviewer");
        f.finish();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // The reviewer is the authenticated caller; a name the body states is kept beside it, never in its place.
        String who = caller.identity() + (reviewer != null && !reviewer.isBlank() ? " (stated: " + reviewer.strip() + ")" : "");
        return reviews.review(id, who, verdict, rationale)
            .map(r -> Response.status(201).type(MediaType.APPLICATION_JSON).entity(r.toString()).build())
            .orElseGet(() -> problems.notFound("No such decision", "no decision " + id));
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Fields.parseInstant(value);
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(new FieldError("/" + name, "must be an RFC 3339 date-time or a date"));
            return null;
        }
    }
}
