package dev.outreachpolicy.engine.input;

/** One invalid field of a request: a JSON pointer to it (RFC 6901) and what is wrong. */
public record FieldError(String pointer, String message) { }
