package dev.outreachpolicy.engine.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What any string of a request may hold, checked once for the whole document, field names included: no NUL or other
 * control character (tab, line feed and carriage return excepted), no lone surrogate (a {@code \ud800} escape that is
 * half a character), at most {@value #MAX_STRING} characters; a document at most {@value #MAX_DEPTH} levels deep.
 * PostgreSQL refuses NUL in text (the request failed with a 503), and a lone surrogate was stored as {@code ?}, so
 * two different refs collided.
 */
public final class TextRules {
    public static final int MAX_STRING = 1000;
    public static final int MAX_DEPTH = 16;
    /** At most this many problems are reported; a hostile body could otherwise make the answer huge. */
    static final int MAX_REPORTED = 50;

    private TextRules() { }

    /** Throws {@link InvalidInputException} naming every offending string by pointer. */
    public static void check(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        walk(node, "", 0, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** Why a string is refused, or null when it is fine. */
    public static String problem(String s) {
        if (s.length() > MAX_STRING) {
            return "must hold at most " + MAX_STRING + " characters";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return "must not contain a NUL character";
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return "must not contain a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain a lone surrogate (half a UTF-16 character)";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain a lone surrogate (half a UTF-16 character)";
            }
        }
        return null;
    }

    private static void walk(JsonNode node, String pointer, int depth, List<FieldError> errors) {
        if (errors.size() >= MAX_REPORTED) {
            return;
        }
        if (depth > MAX_DEPTH) {
            errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer, "nests deeper than " + MAX_DEPTH + " levels"));
            return;
        }
        if (node.isTextual()) {
            String p = problem(node.textValue());
            if (p != null) {
                errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer, p));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, depth + 1, errors);
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = f.getKey();
                String p = problem(name);
                String safe = p == null ? name : "(field name)";
                String child = pointer + "/" + safe.replace("~", "~0").replace("/", "~1");
                if (p != null) {
                    errors.add(new FieldError(child, "field name " + p));
                    continue;
                }
                walk(f.getValue(), child, depth + 1, errors);
            }
        }
    }
}
