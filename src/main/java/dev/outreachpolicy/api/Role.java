package dev.outreachpolicy.api;

/** Who may do what: an agent decides and records opt-outs; legal also runs rules, reloads and reviews; admin does everything. */
public enum Role {
    AGENT, LEGAL, ADMIN;

    public boolean atLeast(Role other) { return ordinal() >= other.ordinal(); }
}
