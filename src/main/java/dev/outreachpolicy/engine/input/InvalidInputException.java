package dev.outreachpolicy.engine.input;

import java.util.List;

/** A request that cannot be read: every invalid field, each with its JSON pointer. Answered with 400. */
public final class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).pointer() + ": " + errors.get(0).message()
            + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String pointer, String message) { this(List.of(new FieldError(pointer, message))); }

    public List<FieldError> errors() { return errors; }
}
