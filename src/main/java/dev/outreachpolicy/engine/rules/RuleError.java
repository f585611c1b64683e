package dev.outreachpolicy.engine.rules;

/**
 * One problem in the rules folder, pointing at the offending text: the file relative to the folder's parent
 * (as {@code rules/uk/pecr-email.drl}), the line and column (1-based; 0 when unknown) and a message.
 */
public record RuleError(String file, int line, int column, String message) {

    /** {@code file:line:column: message}, the form editors and build servers link to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
