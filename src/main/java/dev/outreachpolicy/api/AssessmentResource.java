package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.engine.assessment.AssessmentVersion;
import dev.outreachpolicy.engine.input.JsonBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/assessments}: the register of legitimate-interest assessments. Legal writes them, each change as a new
 * version (never changed or deleted); an agent reads the one its decisions name with {@code basis.liaRef}.
 */
@Path("/v1/assessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AssessmentResource {
    @Inject
    AssessmentStore store;

    @Inject
    Problems problems;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @POST
    @Allowed(Role.LEGAL)
    public Response create(String body) {
        AssessmentVersion v = store.create(AssessmentDraft.parse(JsonBody.parse(body)), caller.recordedBy());
        return Response.status(201).header("Location", "/v1/assessments/" + v.id()).entity(v.toJson().toString()).build();
    }

    @PUT
    @Path("/{id}")
    @Allowed(Role.LEGAL)
    public Response newVersion(@PathParam("id") String id, String body) {
        AssessmentDraft draft = AssessmentDraft.parse(JsonBody.parse(body));
        return store.addVersion(id, draft, caller.recordedBy())
            .map(v -> Response.status(201).header("Location", "/v1/assessments/" + id + "/versions/" + v.version())
                .entity(v.toJson().toString()).build())
            .orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/{id}")
    @Allowed(Role.AGENT)
    public Response get(@PathParam("id") String id) {
        List<AssessmentVersion> versions = store.versions(id);
        if (versions.isEmpty()) {
            return notFound(id);
        }
        ObjectNode out = versions.get(versions.size() - 1).toJson();
        ArrayNode list = out.putArray("versions");
        versions.forEach(v -> list.add(summary(v)));
        return Response.ok(out.toString()).build();
    }

    @GET
    @Path("/{id}/versions/{n}")
    @Allowed(Role.AGENT)
    public Response version(@PathParam("id") String id, @PathParam("n") String n) {
        List<AssessmentVersion> versions = store.versions(id);
        if (versions.isEmpty()) {
            return notFound(id);
        }
        return versions.stream().filter(v -> String.valueOf(v.version()).equals(n)).findFirst()
            .map(v -> Response.ok(v.toJson().toString()).build())
            .orElseGet(() -> problems.notFound("No such version",
                "assessment " + id + " has versions 1 to " + versions.size()));
    }

    @GET
    @Allowed(Role.LEGAL)
    public Response list() {
        Map<String, Long> relied = store.decisionsRelying();
        ObjectNode out = json.createObjectNode();
        ArrayNode items = out.putArray("items");
        store.all().forEach((id, versions) -> {
            AssessmentVersion current = versions.get(versions.size() - 1);
            ObjectNode o = items.addObject();
            o.put("id", id).put("title", current.draft().title()).put("version", current.version())
                .put("assessedAt", current.draft().assessedAt().toString())
                .put("reviewDueAt", current.draft().reviewDueAt() == null ? null : current.draft().reviewDueAt().toString());
            ArrayNode vs = o.putArray("versions");
            versions.forEach(v -> vs.add(summary(v).put("decisions", relied.getOrDefault(id + "#" + v.version(), 0L))));
        });
        return Response.ok(out.toString()).build();
    }

    private static ObjectNode summary(AssessmentVersion v) {
        ObjectNode s = v.toJson().objectNode();
        s.put("version", v.version()).put("assessedAt", v.draft().assessedAt().toString())
            .put("reviewDueAt", v.draft().reviewDueAt() == null ? null : v.draft().reviewDueAt().toString())
            .put("recordedAt", v.recordedAt().toString()).put("recordedBy", v.recordedBy());
        return s;
    }

    private Response notFound(String id) {
        return problems.notFound("No such assessment", "no assessment " + id);
    }
}
