package dev.outreachpolicy.api;

import static dev.outreachpolicy.mcp.McpClients.call;
import static dev.outreachpolicy.mcp.McpClients.text;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.mcp.McpClients;
import dev.outreachpolicy.store.StoreTestResource;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** With API keys configured, the MCP endpoint and the plans ask for the same keys and roles as the HTTP API. */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class McpAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    /** The contract's example decided for now (an agent may not ask about another day). */
    static ObjectNode example() throws Exception {
        ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json")));
        request.remove("asOf");
        request.remove("automation");
        return request;
    }

    @Test
    void withoutAKeyTheMcpClientIsRefused() {
        McpSyncClient client = McpClients.client(base, null);
        try {
            assertThrows(RuntimeException.class, client::initialize);
        } finally {
            client.close();
        }
        given().contentType("application/json").body("{}").post("/mcp").then().statusCode(401).contentType("application/problem+json");
        McpSyncClient wrong = McpClients.client(base, "not-a-key");
        try {
            assertThrows(RuntimeException.class, wrong::initialize);
        } finally {
            wrong.close();
        }
    }

    @Test
    void anAgentKeyDecidesAsOverHttp() throws Exception {
        McpSyncClient client = McpClients.client(base, KeysProfile.AGENT);
        try {
            client.initialize();
            JsonNode http = JSON.readTree(given().header("Authorization", "Bearer " + KeysProfile.AGENT).contentType("application/json")
                .body(example().toString()).post("/v1/decisions").then().statusCode(200).extract().asString());
            McpSchema.CallToolResult result = call(client, "decide", example());
            assertFalse(Boolean.TRUE.equals(result.isError()), result.toString());
            assertEquals(http.get("outcome"), text(result).get("outcome"));
            assertEquals(http.get("reasons"), text(result).get("reasons"));
        } finally {
            client.closeGracefully();
        }
    }

    @Test
    void anAgentMayNotAskAboutAnotherDayNorReadRulesButLegalMay() throws Exception {
        ObjectNode old = example();
        old.put("asOf", "2026-01-01T00:00:00Z");
        McpSyncClient agent = McpClients.client(base, KeysProfile.AGENT);
        McpSyncClient legal = McpClients.client(base, KeysProfile.LEGAL);
        try {
            agent.initialize();
            legal.initialize();
            McpSchema.CallToolResult whatIf = call(agent, "decide", old);
            assertTrue(whatIf.isError());
            assertEquals(403, text(whatIf).get("status").asInt());
            McpSchema.CallToolResult rule = call(agent, "explain_rule", JSON.createObjectNode().put("id", "suppression.block"));
            assertTrue(rule.isError());
            assertEquals(403, text(rule).get("status").asInt());
            McpSchema.CallToolResult allowed = call(legal, "explain_rule", JSON.createObjectNode().put("id", "suppression.block"));
            assertFalse(Boolean.TRUE.equals(allowed.isError()), allowed.toString());
            assertEquals("suppression.block", text(allowed).get("id").asText());
        } finally {
            agent.closeGracefully();
            legal.closeGracefully();
        }
        ObjectNode plan = old.deepCopy();
        plan.remove("step");
        plan.remove("channel");
        given().header("Authorization", "Bearer " + KeysProfile.AGENT).contentType("application/json").body(plan.toString())
            .post("/v1/plans").then().statusCode(403);
        given().contentType("application/json").body(plan.toString()).post("/v1/plans").then().statusCode(401);
        given().header("Authorization", "Bearer " + KeysProfile.LEGAL).contentType("application/json").body(plan.toString())
            .post("/v1/plans").then().statusCode(200);
    }
}
