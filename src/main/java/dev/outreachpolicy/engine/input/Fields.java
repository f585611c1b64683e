package dev.outreachpolicy.engine.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one JSON object strictly, collecting every problem with its pointer: a field the
 * object does not know, a wrong type, a value outside its enumeration, a date that is not RFC 3339.
 * JSON {@code null} reads as absent. Call {@link #finish()} once the known fields are read.
 */
public final class Fields {
    private final JsonNode node;
    private final String pointer;
    private final List<FieldError> errors;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(JsonNode node, String pointer, List<FieldError> errors) {
        this.node = node;
        this.pointer = pointer;
        this.errors = errors;
    }

    /** The root object of a request; anything but an object is an error. */
    public static Fields root(JsonNode node, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError("/", "the request body must be a JSON object"));
            return new Fields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "", errors);
        }
        return new Fields(node, "", errors);
    }

    public String pointer(String name) { return pointer + "/" + name.replace("~", "~0").replace("/", "~1"); }

    public List<FieldError> errors() { return errors; }

    private JsonNode get(String name) {
        known.add(name);
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    public boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** A nested object, or null when absent (or not an object, which is reported). */
    public Fields object(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            errors.add(new FieldError(pointer(name), "must be an object"));
            return null;
        }
        return new Fields(v, pointer(name), errors);
    }

    public String string(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(pointer(name), "must be a string"));
            return null;
        }
        return v.asText();
    }

    public String requiredString(String name) {
        String v = string(name);
        if (v == null && !has(name)) {
            errors.add(new FieldError(pointer(name), "is required"));
        } else if (v != null && v.isBlank()) {
            errors.add(new FieldError(pointer(name), "must not be blank"));
            return null;
        }
        return v;
    }

    public Boolean bool(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            errors.add(new FieldError(pointer(name), "must be true or false"));
            return null;
        }
        return v.booleanValue();
    }

    public String enumValue(String name, Set<String> allowed) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            errors.add(new FieldError(pointer(name), "must be one of " + String.join(", ", allowed)));
            return null;
        }
        return v.asText();
    }

    public String requiredEnum(String name, Set<String> allowed) {
        if (!has(name)) {
            known.add(name);
            errors.add(new FieldError(pointer(name), "is required: one of " + String.join(", ", allowed)));
            return null;
        }
        return enumValue(name, allowed);
    }

    public List<String> enumList(String name, Set<String> allowed) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            errors.add(new FieldError(pointer(name), "must be an array"));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || !allowed.contains(item.asText())) {
                errors.add(new FieldError(pointer(name) + "/" + i, "must be one of " + String.join(", ", allowed)));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** An array of non-blank strings, or null when absent. */
    public List<String> stringList(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            errors.add(new FieldError(pointer(name), "must be an array of strings"));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual() || item.asText().isBlank()) {
                errors.add(new FieldError(pointer(name) + "/" + i, "must be a non-blank string"));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    /** A date, {@code 2026-11-22} or an RFC 3339 date-time whose UTC date is taken. */
    public LocalDate date(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(pointer(name), "must be a date (2026-11-22) or date-time (2026-11-22T10:15:00Z)"));
            return null;
        }
        try {
            return parseDate(v.asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer(name), "must be a date (2026-11-22) or date-time (2026-11-22T10:15:00Z)"));
            return null;
        }
    }

    /** An instant: an RFC 3339 date-time with its offset, or a date (midnight UTC). */
    public Instant instant(String name) {
        JsonNode v = get(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(pointer(name), "must be an RFC 3339 date-time (2026-11-22T10:15:00Z) or a date"));
            return null;
        }
        try {
            return parseInstant(v.asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(pointer(name), "must be an RFC 3339 date-time (2026-11-22T10:15:00Z) or a date"));
            return null;
        }
    }

    public static LocalDate parseDate(String text) {
        String t = text.trim();
        if (t.length() == 10) {
            return LocalDate.parse(t);
        }
        return OffsetDateTime.parse(t).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
    }

    public static Instant parseInstant(String text) {
        String t = text.trim();
        if (t.length() == 10) {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(t).toInstant();
    }

    public void error(String name, String message) { errors.add(new FieldError(pointer(name), message)); }

    /** Reports every field this object has that was not read: an unknown field is never ignored. */
    public void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!known.contains(n)) {
                errors.add(new FieldError(pointer(n), "unknown field"));
            }
        }
    }
}
