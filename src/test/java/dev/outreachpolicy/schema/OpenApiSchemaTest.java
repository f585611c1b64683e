package dev.outreachpolicy.schema;


import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The served OpenAPI document cannot drift from the code: every fixture's request validates against its schema of the
 * decision request, and the service's answers (decisions, plans, opt-outs, problems) against the answers' schemas.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class OpenApiSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private JsonNode document;

    @BeforeEach
    void served() throws Exception {
        document = JSON.readTree(given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
            .extract().asString());
    }

    /** A served component schema, resolved within the served document. */
    JsonSchema component(String name) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", document.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    static java.util.Set<?> errors(JsonSchema schema, JsonNode instance) {
        return schema.validate(instance);
    }

    static void valid(JsonSchema schema, JsonNode instance, String what, List<String> failures) {
        java.util.Set<?> errors = errors(schema, instance);
        if (!errors.isEmpty()) {
            failures.add(what + ": " + errors);
        }
    }

    @Test
    void theDecisionRequestIsAStrictSchemaWhoseStepIsTheNineSteps() {
        JsonNode request = document.at("/components/schemas/DecisionRequest");
        assertEquals(List.of("COLLECTION", "ENRICHMENT", "STORAGE", "SEGMENTATION", "SCORING", "PERSONALISATION", "OUTREACH",
            "SHARING", "TRAINING"), JSON.convertValue(request.at("/properties/step/enum"), List.class));
        assertEquals(false, request.get("additionalProperties").asBoolean(true));
        assertTrue(request.get("required").toString().contains("step"));
        assertEquals("#/components/schemas/DecisionRequest",
            document.at("/paths/~1v1~1decisions/post/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/PlanRequest",
            document.at("/paths/~1v1~1plans/post/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("agent", document.at("/paths/~1v1~1plans/post/x-least-role").asText());
        assertEquals("bearer", document.at("/components/securitySchemes/bearer/scheme").asText());
        assertTrue(document.at("/paths/~1v1~1decisions/post/requestBody/content/application~1json/example/prospect").isObject());
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui").then().statusCode(200);
    }

    @Test
    void everyFixtureRequestAndTheServicesAnswerValidate() throws Exception {
        JsonSchema request = component("DecisionRequest");
        JsonSchema decision = component("Decision");
        JsonSchema problem = component("Problem");
        List<String> failures = new ArrayList<>();
        List<Fixture> fixtures = FixtureLoader.load(Path.of("fixtures"));
        assertTrue(fixtures.size() > 100, "fixtures: " + fixtures.size());
        for (Fixture f : fixtures) {
            valid(request, f.request(), f.path() + " request", failures);
            var response = given().contentType("application/json").body(f.request().toString()).post("/v1/decisions");
            JsonNode answer = JSON.readTree(response.asString());
            valid(response.statusCode() == 200 ? decision : problem, answer, f.path() + " answer (" + response.statusCode() + ")", failures);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    @Test
    void plansOptOutsAndProblemsValidate() throws Exception {
        List<String> failures = new ArrayList<>();
        ObjectNode plan = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json")));
        plan.remove("step");
        plan.remove("channel");
        plan.putArray("steps").add("STORAGE").add("OUTREACH");
        valid(component("PlanRequest"), plan, "plan request", failures);
        JsonNode answer = JSON.readTree(given().contentType("application/json").body(plan.toString()).post("/v1/plans")
            .then().statusCode(200).extract().asString());
        valid(component("Plan"), answer, "plan", failures);
        ObjectNode optOut = JSON.createObjectNode().put("ref", "crm:schema-" + System.nanoTime()).put("scope", "EMAIL").put("source", "reply");
        valid(component("SuppressionRequest"), optOut, "opt-out request", failures);
        JsonNode entry = JSON.readTree(given().contentType("application/json").body(optOut.toString()).post("/v1/suppressions")
            .then().statusCode(201).extract().asString());
        valid(component("SuppressionEntry"), entry, "opt-out", failures);
        JsonNode bad = JSON.readTree(given().contentType("application/json").body("{\"step\": \"NOPE\"}").post("/v1/decisions")
            .then().statusCode(400).extract().asString());
        valid(component("Problem"), bad, "problem", failures);
        assertTrue(errors(component("DecisionRequest"), JSON.readTree("{\"step\": \"NOPE\", \"prospect\": {\"ref\": \"a\"}}")).size() > 0);
        assertTrue(errors(component("DecisionRequest"), JSON.readTree("{\"step\": \"OUTREACH\", \"prospect\": {\"ref\": \"a\"}}")).size() > 0,
            "OUTREACH without a channel must not validate");
        assertTrue(errors(component("DecisionRequest"), JSON.readTree("{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"a\"}, \"chanel\": 1}")).size() > 0);
        ObjectNode storage = plan.deepCopy();
        storage.remove("steps");
        storage.put("step", "STORAGE");
        JsonNode batch = JSON.readTree(given().contentType("application/json")
            .body("{\"items\": [" + storage + ", {\"step\": \"NOPE\"}]}")
            .post("/v1/decisions:batch").then().statusCode(200).extract().asString());
        valid(component("BatchAnswer"), batch, "batch", failures);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
