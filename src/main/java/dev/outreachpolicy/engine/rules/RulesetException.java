package dev.outreachpolicy.engine.rules;

import java.util.List;

/** A rules folder that does not make a ruleset: every error found, each pointing at its file and line. */
public final class RulesetException extends Exception {
    private final List<RuleError> errors;

    public RulesetException(List<RuleError> errors) {
        super(errors.size() + " error(s) in the rules folder:\n" + String.join("\n", errors.stream().map(RuleError::toString).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() { return errors; }
}
