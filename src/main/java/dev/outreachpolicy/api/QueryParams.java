package dev.outreachpolicy.api;

import dev.outreachpolicy.engine.input.FieldError;
import java.util.List;

/**
 * Query parameters read as text and checked here, so that {@code ?limit=abc} is a 400 naming the parameter rather
 * than the 404 a failed conversion gives.
 */
final class QueryParams {
    private QueryParams() { }

    /** A whole number between 1 and {@code max}, {@code fallback} when absent; an error is added otherwise. */
    static int limit(String name, String value, int fallback, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError("/" + name, "must be a whole number between 1 and " + max));
        return fallback;
    }
}
