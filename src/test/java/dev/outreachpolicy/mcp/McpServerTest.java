package dev.outreachpolicy.mcp;

import static dev.outreachpolicy.mcp.McpClients.call;
import static dev.outreachpolicy.mcp.McpClients.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreTestResource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MCP server seen by a real MCP client: the four tools, their schemas, and answers equal to the HTTP API's. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class McpServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    McpSyncClient client;

    /** The contract's example without its top-level nulls (an absent field says the same; MCP arguments take no null). */
    static ObjectNode example() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json")));
        List<String> nulls = new java.util.ArrayList<>();
        request.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                nulls.add(f.getKey());
            }
        });
        request.remove(nulls);
        return request;
    }

    @BeforeEach
    void connect() {
        client = McpClients.client(base, null);
        client.initialize();
    }

    @AfterEach
    void close() {
        client.closeGracefully();
    }

    @Test
    void theFourToolsAreListedWithTheContractsSchemas() {
        Map<String, McpSchema.Tool> tools = new java.util.HashMap<>();
        client.listTools().tools().forEach(t -> tools.put(t.name(), t));
        assertEquals(java.util.Set.of("decide", "plan", "record_opt_out", "explain_rule"), tools.keySet());
        JsonNode decide = JSON.valueToTree(tools.get("decide").inputSchema());
        assertEquals(List.of("COLLECTION", "ENRICHMENT", "STORAGE", "SEGMENTATION", "SCORING", "PERSONALISATION", "OUTREACH",
            "SHARING", "TRAINING"), JSON.convertValue(decide.at("/properties/step/enum"), List.class));
        assertTrue(decide.get("required").toString().contains("step"), decide.get("required").toString());
        assertEquals(List.of("ref"), JSON.convertValue(decide.at("/properties/prospect/required"), List.class));
        assertFalse(decide.get("additionalProperties").asBoolean(true));
        assertTrue(decide.at("/properties/prospect/properties/tps/description").asText().length() > 10);
        assertTrue(tools.get("decide").description().contains("DENY or REVIEW"));
        JsonNode plan = JSON.valueToTree(tools.get("plan").inputSchema());
        assertTrue(plan.at("/properties/steps").isObject() && plan.at("/properties/step").isMissingNode());
        JsonNode optOut = JSON.valueToTree(tools.get("record_opt_out").inputSchema());
        assertTrue(optOut.at("/properties/scope/enum").toString().contains("SALE_SHARING"));
        JsonNode explain = JSON.valueToTree(tools.get("explain_rule").inputSchema());
        assertEquals("[\"id\"]", explain.get("required").toString());
    }

    @Test
    void decideGivesTheSameOutcomeAndReasonsAsHttpAndIsRecorded() throws Exception {
        ObjectNode request = example();
        JsonNode http = JSON.readTree(given().contentType("application/json").body(request.toString()).post("/v1/decisions")
            .then().statusCode(200).extract().asString());
        McpSchema.CallToolResult result = call(client, "decide", request);
        assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
        JsonNode answer = text(result);
        assertEquals(http.get("outcome"), answer.get("outcome"));
        assertEquals(http.get("reasons"), answer.get("reasons"));
        assertEquals(http.get("obligations"), answer.get("obligations"));
        given().get("/v1/decisions/" + answer.get("decisionId").asText()).then().statusCode(200);
    }

    @Test
    void badInputIsTheHttpApisProblemAsAToolError() throws Exception {
        ObjectNode request = example();
        request.put("step", "SPAMMING");
        McpSchema.CallToolResult result = call(client, "decide", request);
        assertTrue(result.isError());
        JsonNode problem = text(result);
        assertEquals(400, problem.get("status").asInt());
        assertEquals("/step", problem.at("/errors/0/pointer").asText());
    }

    @Test
    void anOptOutByToolTurnsTheNextPlanToDenyOnEmail() throws Exception {
        String email = "mcp.opt.out." + System.nanoTime() + "@acme.co.uk";
        ObjectNode request = example();
        request.remove("step");
        request.remove("channel");
        ((ObjectNode) request.get("prospect")).put("email", email).put("ref", "crm:mcp-" + System.nanoTime());
        request.putArray("steps").add("OUTREACH");
        request.putArray("channels").add("EMAIL").add("SMS");
        JsonNode before = text(call(client, "plan", request));
        assertEquals("PERMIT", before.at("/cells/0/outcome").asText(), before.toString());
        McpSchema.CallToolResult recorded = call(client, "record_opt_out",
            JSON.createObjectNode().put("email", email).put("scope", "EMAIL").put("source", "reply"));
        assertFalse(Boolean.TRUE.equals(recorded.isError()), recorded.toString());
        assertTrue(text(recorded).get("id").isTextual());
        JsonNode after = text(call(client, "plan", request));
        assertEquals("DENY", after.at("/cells/0/outcome").asText());
        assertEquals(before.at("/cells/1/outcome"), after.at("/cells/1/outcome"));
    }

    @Test
    void explainRuleGivesTheRuleAndTheFixturesThatShowIt() throws Exception {
        JsonNode rule = text(call(client, "explain_rule", JSON.createObjectNode().put("id", "uk-pecr.email.individual-needs-consent")));
        assertEquals("uk-pecr.email.individual-needs-consent", rule.get("id").asText());
        assertEquals("[\"UK_PECR\"]", rule.get("regimes").toString());
        assertTrue(rule.get("citation").asText().startsWith("PECR"), rule.toString());
        assertTrue(rule.get("file").asText().startsWith("rules/uk/"), rule.toString());
        assertTrue(rule.has("validFrom") && rule.has("validTo"));
        assertTrue(rule.get("fixturesFiring").size() > 0, rule.toString());
        McpSchema.CallToolResult unknown = call(client, "explain_rule", JSON.createObjectNode().put("id", "no.such.rule"));
        assertTrue(unknown.isError());
        assertEquals(404, text(unknown).get("status").asInt());
    }

    @Test
    void theSseTransportIsNotServedAndNoOriginIsAllowed() {
        given().get("/mcp/sse").then().statusCode(404);
        String allow = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
            .options("/mcp").then().extract().header("Access-Control-Allow-Origin");
        assertEquals(null, allow);
    }
}
