package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.decision.ProblemWriter;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.rules.RuleError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem documents ({@code application/problem+json}): type, title, status, detail, and errors where there are several. */
@ApplicationScoped
public class Problems implements ProblemWriter {
    public static final String MEDIA_TYPE = "application/problem+json";
    private final ObjectMapper json;

    @Inject
    public Problems(ObjectMapper json) { this.json = json; }

    public ObjectNode problem(int status, String slug, String title, String detail) {
        ObjectNode p = json.createObjectNode();
        p.put("type", "/problems/" + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        return p;
    }

    @Override
    public ObjectNode invalid(InvalidInputException e, String pointerPrefix) {
        List<FieldError> errors = e.errors();
        ObjectNode p = problem(400, "invalid-request", "The request is invalid",
            errors.size() == 1 ? errors.get(0).pointer() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors");
        ArrayNode list = p.putArray("errors");
        for (FieldError f : errors) {
            String pointer = pointerPrefix.isEmpty() ? f.pointer() : pointerPrefix + (f.pointer().equals("/") ? "" : f.pointer());
            list.addObject().put("pointer", pointer).put("message", f.message());
        }
        return p;
    }

    @Override
    public ObjectNode forbidden(String detail) { return problem(403, "forbidden", "Not allowed for this role", detail); }

    /** A ruleset that does not compile: 422 with every error's file, line and column. */
    public ObjectNode rulesInvalid(List<RuleError> errors) {
        ObjectNode p = problem(422, "rules-invalid", "The rules do not compile",
            errors.size() + " error(s); the previous ruleset keeps serving");
        ArrayNode list = p.putArray("errors");
        for (RuleError r : errors) {
            list.addObject().put("file", r.file()).put("line", r.line()).put("column", r.column()).put("message", r.message());
        }
        return p;
    }

    /** A 404 answer: nothing is found under the name asked for. */
    public Response notFound(String title, String detail) {
        return response(problem(404, "not-found", title, detail));
    }

    public Response response(ObjectNode problem) {
        return Response.status(problem.get("status").asInt()).type(MEDIA_TYPE).entity(problem.toString()).build();
    }
}
