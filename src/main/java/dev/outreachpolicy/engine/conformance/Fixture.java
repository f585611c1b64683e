package dev.outreachpolicy.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One regression case: a request, the setup it needs, and what the rules must answer.
 *
 * @param path the file, relative to the fixtures folder
 * @param request the decision request, after its base was merged in
 * @param suppressions block-list entries to record first (each like a {@code POST /v1/suppressions} body)
 * @param registers TPS/CTPS register files to import first: {@code {register, date, numbers[]}}
 * @param policy policy settings overridden for this case only
 * @param assessments assessments to register first: {@code {name, versions: [<POST /v1/assessments body>, ...]}}; the
 *                    request's {@code basis.liaRef} names one by its {@code name}
 */
public record Fixture(String path, String description, JsonNode request, List<JsonNode> suppressions,
                      List<JsonNode> registers, Map<String, String> policy, Expectation expect, List<JsonNode> assessments) {

    /** The request with {@code basis.liaRef} replaced by the id its named assessment was given. */
    public JsonNode requestWithIds(Map<String, String> idsByName) {
        JsonNode out = request.deepCopy();
        JsonNode basis = out.path("basis");
        if (basis.isObject() && basis.path("liaRef").isTextual() && idsByName.containsKey(basis.get("liaRef").asText())) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) basis).put("liaRef", idsByName.get(basis.get("liaRef").asText()));
        }
        return out;
    }

    /**
     * What must hold. Null or empty means "not checked", except {@code missingFacts} and {@code regimes},
     * which when given must match exactly (order aside).
     */
    public record Expectation(String outcome, List<String> fires, List<String> notFires, List<String> obligations,
                              List<String> notObligations, List<String> missingFacts, List<String> regimes,
                              String validUntil) { }
}
