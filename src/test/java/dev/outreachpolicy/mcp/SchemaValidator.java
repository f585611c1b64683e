package dev.outreachpolicy.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import java.util.Map;
import java.util.Set;

/**
 * The MCP client's validator of structured tool output, on the JSON Schema validator the project's tests already use
 * (the client's default one needs another major version of the same library).
 */
final class SchemaValidator implements JsonSchemaValidator {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(JSON.valueToTree(schema)).validate(JSON.valueToTree(structuredContent));
        try {
            return errors.isEmpty() ? ValidationResponse.asValid(JSON.writeValueAsString(structuredContent))
                : ValidationResponse.asInvalid(errors.toString());
        } catch (JsonProcessingException e) {
            return ValidationResponse.asInvalid(e.getMessage());
        }
    }
}
