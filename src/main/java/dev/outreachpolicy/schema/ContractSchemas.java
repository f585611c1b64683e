package dev.outreachpolicy.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.facts.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schemas (2020-12) of the contract's requests, kept as resource files under {@code schemas/}: the one
 * description of the wire format that the OpenAPI document and the MCP tools both serve. The plan request is derived
 * from the decision request here, so the two cannot drift apart.
 */
public final class ContractSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractSchemas() { }

    /** A schema file of the {@code schemas/} resource folder, without its {@code $schema} keyword. */
    public static ObjectNode load(String name) {
        try (InputStream in = ContractSchemas.class.getClassLoader().getResourceAsStream("schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource schemas/" + name);
            }
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            schema.remove("$schema");
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode decisionRequest() { return load("decision-request.json"); }

    /** A decision request without {@code step} and {@code channel}, plus {@code steps[]} and {@code channels[]}. */
    public static ObjectNode planRequest() {
        ObjectNode s = decisionRequest();
        s.put("title", "PlanRequest");
        s.put("description", "A plan request (contract v1.1): a decision request without step and channel, plus optional steps[] and "
            + "channels[] to limit the grid (default: every step, and for OUTREACH every channel). The rest is validated once, "
            + "as a decision request: a bad field is a 400 for the whole plan. Unknown fields are rejected (400).");
        s.remove("if");
        s.remove("then");
        ArrayNode required = s.putArray("required");
        required.add("prospect");
        ObjectNode props = (ObjectNode) s.get("properties");
        props.remove("step");
        props.remove("channel");
        ObjectNode copy = props.deepCopy();
        props.removeAll();
        props.set("steps", list(Vocabulary.STEPS, "The steps to decide; default every step. Cells come in this order: "
            + String.join(", ", Vocabulary.STEPS) + "."));
        props.set("channels", list(Vocabulary.CHANNELS, "The OUTREACH channels to decide; default every channel. Only with OUTREACH "
            + "among the steps."));
        props.setAll(copy);
        return s;
    }

    private static ObjectNode list(Iterable<String> values, String description) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", "array");
        a.put("minItems", 1);
        ObjectNode items = a.putObject("items");
        items.put("type", "string");
        ArrayNode e = items.putArray("enum");
        values.forEach(e::add);
        a.put("description", description);
        return a;
    }

    public static ObjectNode suppressionRequest() { return load("suppression-request.json"); }
}
