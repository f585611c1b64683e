package dev.outreachpolicy.engine.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a request body as a JSON tree, strictly: an empty body, malformed JSON, a duplicated key, anything after the
 * document, or a string that {@link TextRules} refuses (NUL, lone surrogate, over-long) is a 400.
 */
public final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() { }

    public static JsonNode parse(String body) {
        JsonNode node = parseUnchecked(body);
        TextRules.check(node);
        return node;
    }

    /**
     * The document without the checks of {@link TextRules}: for a batch, whose items are each checked on their own
     * (by {@code RequestParser}), so that one bad item gets its own problem and does not fail the others.
     */
    public static JsonNode parseUnchecked(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("/", "the request body is empty: send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException("/", "the request body is empty: send a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("/", "malformed JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
