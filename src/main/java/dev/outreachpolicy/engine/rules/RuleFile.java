package dev.outreachpolicy.engine.rules;

/** A file of the rules folder: its path relative to the folder (with '/' separators) and its text. */
public record RuleFile(String path, String text) {

    public boolean isRules() { return path.endsWith(".drl"); }
}
