package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.impact.ImpactService;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.input.JsonBody;
import dev.outreachpolicy.engine.rules.RulesetException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/impact}: which recorded decisions a candidate ruleset would change, before it ships.
 * Body: {@code {"candidate": "tps-14-days", "from": "…", "to": "…"}}, all optional (the rules folder on disk; the
 * last 30 days). Instead of a candidate, {@code {"assessment": "asm_…", "draft": {…a new version…}}}: the recorded
 * decisions that named the assessment and that the draft would change. {@code GET /v1/impact/last}: the newest report.
 */
@Path("/v1/impact")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ImpactResource {
    @Inject
    ImpactService impact;

    @Inject
    Problems problems;

    @Inject
    ObjectMapper json;

    @POST
    @Allowed(Role.LEGAL)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(String body) throws Exception {
        List<FieldError> errors = new ArrayList<>();
        Fields f = Fields.root(body == null || body.isBlank() ? json.createObjectNode() : JsonBody.parse(body), errors);
        String candidate = f.string("candidate");
        String revision = f.string("revision");
        String assessment = f.string("assessment");
        com.fasterxml.jackson.databind.JsonNode draftBody = f.has("draft") ? JsonBody.parse(body).get("draft") : null;
        Instant to = f.instant("to");
        Instant from = f.instant("from");
        f.object("draft");
        f.finish();
        AssessmentDraft draft = AssessmentDraftInput.read(assessment, candidate, draftBody, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Instant end = to == null ? Instant.now().plusSeconds(1) : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw new InvalidInputException("/from", "must be before to");
        }
        if (candidate != null && revision != null) {
            throw new InvalidInputException("/revision", "give either candidate (a folder) or revision (a git revision), not both");
        }
        if (draft != null) {
            return Response.ok(json.writeValueAsString(impact.runDraft(assessment, draft, start, end))).build();
        }
        try {
            return Response.ok(json.writeValueAsString(revision != null ? impact.runRevision(revision, start, end)
                : impact.run(candidate, start, end))).build();
        } catch (RulesetException e) {
            return problems.response(problems.rulesInvalid(e.errors()));
        }
    }

    @GET
    @Path("/last")
    @Allowed(Role.LEGAL)
    public Response last() {
        return impact.last().map(r -> Response.ok(r.toString()).build())
            .orElseGet(() -> problems.notFound("No impact report yet", "run POST /v1/impact first"));
    }
}
