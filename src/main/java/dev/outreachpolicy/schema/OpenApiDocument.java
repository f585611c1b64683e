package dev.outreachpolicy.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the OpenAPI document the resources give (their bodies are read as text, so the scanner sees no schema):
 * JSON Schemas of the requests and answers from the {@code schemas/} resource files, the problem document for errors,
 * the Bearer scheme and each operation's least role, and the contract's example. A client can be generated from it.
 */
public class OpenApiDocument implements OASFilter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String PROBLEM_TYPE = "application/problem+json";
    private static final Set<String> SUBSCHEMA = Set.of("items", "not", "if", "then", "else", "contains", "propertyNames");
    private static final Set<String> SUBSCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SUBSCHEMA_MAPS = Set.of("properties", "$defs", "patternProperties");

    /** Least role of each operation, as {@code dev.outreachpolicy.api.Allowed} declares it on the resource. */
    static final Map<String, String> ROLES = Map.ofEntries(
        Map.entry("POST /v1/decisions", "agent"), Map.entry("POST /v1/decisions:batch", "agent"),
        Map.entry("POST /v1/plans", "agent"), Map.entry("GET /v1/decisions/{id}", "agent"),
        Map.entry("GET /v1/decisions", "legal"), Map.entry("POST /v1/decisions/{id}/review", "legal"),
        Map.entry("POST /v1/suppressions", "agent"), Map.entry("GET /v1/suppressions", "legal"),
        Map.entry("POST /v1/suppressions:import", "legal"), Map.entry("GET /v1/suppressions:export", "admin"),
        Map.entry("DELETE /v1/suppressions/{id}", "admin"), Map.entry("GET /v1/rules", "legal"),
        Map.entry("GET /v1/rulesets/current", "legal"), Map.entry("GET /v1/rulesets", "legal"),
        Map.entry("GET /v1/rulesets/{version}", "legal"), Map.entry("POST /v1/rulesets/reload", "legal"),
        Map.entry("POST /v1/impact", "legal"), Map.entry("GET /v1/impact/last", "legal"),
        Map.entry("DELETE /v1/subjects/{ref}", "admin"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema("DecisionRequest", schema(ContractSchemas.decisionRequest()));
        components.addSchema("PlanRequest", schema(ContractSchemas.planRequest()));
        components.addSchema("SuppressionRequest", schema(ContractSchemas.suppressionRequest()));
        ObjectNode answers = ContractSchemas.load("answers.json");
        answers.fields().forEachRemaining(e -> components.addSchema(e.getKey(), schema(e.getValue())));
        components.addSchema("BatchRequest", schema(batchRequest()));
        components.addSchema("BatchAnswer", schema(batchAnswer()));
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
            .description("Authorization: Bearer <key>. POLICY_API_KEYS holds role:key pairs; roles agent (decisions, plans, "
                + "opt-outs), legal (and rules, reload, fixtures, records), admin (everything). Each operation states its least "
                + "role. Without POLICY_API_KEYS the service serves loopback callers only, without a key."));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> p : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> o : p.getValue().getOperations().entrySet()) {
                describe(o.getKey().name() + " " + p.getKey(), o.getValue());
            }
        }
    }

    private void describe(String key, Operation op) {
        String role = ROLES.get(key);
        if (role != null) {
            op.addExtension("x-least-role", role);
            String d = op.getDescription() == null ? "" : op.getDescription() + " ";
            op.setDescription(d + "Least role: " + role + ".");
        }
        switch (key) {
            case "POST /v1/decisions" -> {
                op.setSummary("Evaluate one decision");
                body(op, "DecisionRequest", example("example-decision-request.json"));
                answer(op, "200", "The decision, recorded before it is answered.", "Decision");
                problems(op, true);
            }
            case "POST /v1/decisions:batch" -> {
                op.setSummary("Evaluate a batch of decisions");
                body(op, "BatchRequest", null);
                answer(op, "200", "The answers in the same order; a bad item gets its own problem.", "BatchAnswer");
                problems(op, true);
            }
            case "POST /v1/plans" -> {
                op.setSummary("Every step and channel for one prospect");
                ObjectNode ex = example("example-decision-request.json");
                ex.remove("step");
                ex.remove("channel");
                body(op, "PlanRequest", ex);
                answer(op, "200", "The plan: each cell the decision for its step and channel, recorded as that decision.", "Plan");
                problems(op, true);
            }
            case "POST /v1/suppressions" -> {
                op.setSummary("Record an opt-out");
                ObjectNode ex = JSON.createObjectNode().put("email", "jane.doe@acme.co.uk").put("scope", "ALL")
                    .put("source", "unsubscribe-link");
                body(op, "SuppressionRequest", ex);
                answer(op, "201", "Recorded: every decision after it for that person is DENY under SUPPRESSION.", "SuppressionEntry");
                answer(op, "200", "The entry already existed; nothing was duplicated.", "SuppressionEntry");
                problems(op, true);
            }
            case "GET /v1/decisions/{id}" -> {
                op.setSummary("Read a decision record");
                problems(op, false);
                error(op, "404", "No such decision.");
            }
            default -> {
                if (role != null) {
                    problems(op, false);
                }
            }
        }
    }

    private static void body(Operation op, String schema, JsonNode example) {
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema));
        if (example != null) {
            media.setExample(JSON.convertValue(example, Object.class));
        }
        RequestBody body = OASFactory.createRequestBody().required(true).content(OASFactory.createContent().addMediaType(JSON_TYPE, media));
        op.setRequestBody(body);
    }

    private static void answer(Operation op, String status, String description, String schema) {
        responses(op).addAPIResponse(status, OASFactory.createAPIResponse().description(description)
            .content(OASFactory.createContent().addMediaType(JSON_TYPE, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(schema)))));
    }

    private static void problems(Operation op, boolean input) {
        if (input) {
            error(op, "400", "Malformed or invalid input; errors[] names each field by JSON pointer.");
            error(op, "422", "An Idempotency-Key reused with another request.");
        }
        error(op, "401", "No API key, or an unknown one.");
        error(op, "403", "The key's role is below the operation's least role (or an asOf more than 24 hours away needs legal).");
        error(op, "503", "The store is unavailable: nothing was recorded and no decision is given.");
    }

    private static void error(Operation op, String status, String description) {
        APIResponses r = responses(op);
        APIResponse existing = r.getAPIResponse(status);
        if (existing != null && existing.getContent() != null && existing.getContent().getMediaType(PROBLEM_TYPE) != null) {
            return;
        }
        Content content = OASFactory.createContent().addMediaType(PROBLEM_TYPE,
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")));
        r.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(content));
    }

    private static APIResponses responses(Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses r = op.getResponses();
        if (r.getAPIResponses() != null && r.getAPIResponse("200") != null && r.getAPIResponse("200").getContent() == null) {
            r.removeAPIResponse("200");
        }
        return r;
    }

    private static ObjectNode example(String name) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream("schemas/" + name)) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode batchRequest() {
        ObjectNode s = JSON.createObjectNode().put("title", "BatchRequest").put("type", "object").put("additionalProperties", false);
        s.put("description", "Up to 1000 decision requests, answered in order; one bad item gets its own problem.");
        s.putArray("required").add("items");
        ObjectNode items = s.putObject("properties").putObject("items").put("type", "array").put("maxItems", 1000);
        items.putObject("items").put("$ref", "#/components/schemas/DecisionRequest");
        return s;
    }

    private static ObjectNode batchAnswer() {
        ObjectNode s = JSON.createObjectNode().put("title", "BatchAnswer").put("type", "object");
        s.putArray("required").add("items");
        ObjectNode items = s.putObject("properties").putObject("items").put("type", "array");
        var any = items.putObject("items").putArray("anyOf");
        any.addObject().put("$ref", "#/components/schemas/Decision");
        any.addObject().put("$ref", "#/components/schemas/Problem");
        return s;
    }

    /** A JSON Schema (2020-12) as the OpenAPI model's schema, keyword for keyword. */
    static Schema schema(JsonNode node) {
        Schema s = OASFactory.createSchema();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String k = f.getKey();
            JsonNode v = f.getValue();
            if (k.equals("$ref")) {
                s.setRef(v.asText());
            } else if (k.equals("type")) {
                List<Schema.SchemaType> types = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(t -> types.add(Schema.SchemaType.valueOf(t.asText().toUpperCase(Locale.ROOT))));
                } else {
                    types.add(Schema.SchemaType.valueOf(v.asText().toUpperCase(Locale.ROOT)));
                }
                s.setType(types);
            } else if (k.equals("additionalProperties")) {
                if (v.isBoolean()) {
                    s.setAdditionalPropertiesBoolean(v.booleanValue());
                } else {
                    s.setAdditionalPropertiesSchema(schema(v));
                }
            } else if (SUBSCHEMA.contains(k)) {
                s.set(k, schema(v));
            } else if (SUBSCHEMA_LISTS.contains(k)) {
                List<Schema> list = new ArrayList<>();
                v.forEach(x -> list.add(schema(x)));
                s.set(k, list);
            } else if (SUBSCHEMA_MAPS.contains(k)) {
                Map<String, Schema> map = new LinkedHashMap<>();
                v.fields().forEachRemaining(x -> map.put(x.getKey(), schema(x.getValue())));
                s.set(k, map);
            } else {
                s.set(k, JSON.convertValue(v, Object.class));
            }
        }
        return s;
    }
}
