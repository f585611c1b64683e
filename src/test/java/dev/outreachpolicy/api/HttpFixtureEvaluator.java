package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.verdict.Effect;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.verdict.Obligation;
import dev.outreachpolicy.engine.verdict.Outcome;
import dev.outreachpolicy.engine.verdict.Reason;
import dev.outreachpolicy.engine.verdict.TraceEntry;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureEvaluator;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Runs a fixture through the HTTP API: its suppressions, registers and assessments are posted first, then the decision. */
final class HttpFixtureEvaluator implements FixtureEvaluator {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Evaluation evaluate(Fixture f) throws Exception {
        for (JsonNode s : f.suppressions()) {
            ObjectNode body = (ObjectNode) s.deepCopy();
            given().contentType("application/json").body(body.toString()).post("/v1/suppressions").then().statusCode(201);
        }
        for (JsonNode r : f.registers()) {
            StringBuilder lines = new StringBuilder();
            r.path("numbers").forEach(n -> lines.append(n.asText()).append('\n'));
            given().contentType("text/plain").queryParam("date", r.path("date").asText()).body(lines.toString())
                .post("/v1/registers/" + r.path("register").asText()).then().statusCode(201);
        }
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (JsonNode a : f.assessments()) {
            String id = null;
            for (JsonNode v : a.path("versions")) {
                id = id == null
                    ? given().contentType("application/json").body(v.toString()).post("/v1/assessments").then().statusCode(201).extract().path("id")
                    : given().contentType("application/json").body(v.toString()).put("/v1/assessments/" + id).then().statusCode(201)
                        .extract().<String>path("id");
            }
            ids.put(a.path("name").asText(), id);
        }
        Response resp = given().contentType("application/json").body(f.requestWithIds(ids).toString()).post("/v1/decisions");
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + resp.asString());
        }
        JsonNode d = JSON.readTree(resp.asString());
        List<Reason> reasons = new ArrayList<>();
        d.path("reasons").forEach(r -> reasons.add(new Reason(r.path("rule").asText(), r.path("regime").asText(),
            r.path("citation").asText(), Effect.valueOf(r.path("effect").asText()), r.path("message").asText())));
        List<Obligation> obligations = new ArrayList<>();
        d.path("obligations").forEach(o -> obligations.add(new Obligation(o.path("code").asText(), o.path("regime").asText(),
            o.path("citation").asText(), o.path("message").asText(), o.hasNonNull("dueAt") ? LocalDate.parse(o.get("dueAt").asText()) : null)));
        List<String> missing = new ArrayList<>();
        d.path("missingFacts").forEach(m -> missing.add(m.asText()));
        List<String> regimes = new ArrayList<>();
        d.path("regimes").forEach(m -> regimes.add(m.asText()));
        List<TraceEntry> trace = new ArrayList<>();
        d.path("trace").forEach(t -> trace.add(new TraceEntry(t.path("rule").asText(), t.path("file").asText(), t.path("order").asInt(),
            t.path("regime").asText(null), t.path("ruleCase").asText(null), t.path("name").asText(null))));
        return new Evaluation(Outcome.valueOf(d.path("outcome").asText()), regimes, reasons, obligations, missing, trace,
            d.hasNonNull("validUntil") ? LocalDate.parse(d.get("validUntil").asText()) : null, d.path("rulesetVersion").asText());
    }
}
