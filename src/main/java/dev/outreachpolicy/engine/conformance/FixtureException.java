package dev.outreachpolicy.engine.conformance;

/** A fixture file that cannot be read, with the file (and line where known) in the message. */
public final class FixtureException extends Exception {
    public FixtureException(String message) { super(message); }
}
