package dev.outreachpolicy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URL;
import java.time.Duration;
import java.util.Map;

/** A real MCP client (the MCP Java SDK's) speaking Streamable HTTP to the service under test, with an optional key. */
public final class McpClients {
    static final ObjectMapper JSON = new ObjectMapper();

    private McpClients() { }

    public static McpSyncClient client(URL base, String key) {
        String root = base.toString().replaceAll("/$", "");
        HttpClientStreamableHttpTransport.Builder transport = HttpClientStreamableHttpTransport.builder(root).endpoint("/mcp");
        if (key != null) {
            transport.httpRequestCustomizer((request, method, uri, body, context) -> request.header("Authorization", "Bearer " + key));
        }
        return McpClient.sync(transport.build()).jsonSchemaValidator(new SchemaValidator()).requestTimeout(Duration.ofSeconds(60)).initializationTimeout(Duration.ofSeconds(30)).build();
    }

    /** Calls a tool with the contract's JSON as its arguments. */
    @SuppressWarnings("unchecked")
    public static McpSchema.CallToolResult call(McpSyncClient client, String tool, JsonNode arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, JSON.convertValue(arguments, Map.class)));
    }

    /** The tool's answer (or problem document) as JSON. */
    public static JsonNode text(McpSchema.CallToolResult result) throws Exception {
        return JSON.readTree(((McpSchema.TextContent) result.content().get(0)).text());
    }
}
