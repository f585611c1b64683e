package dev.outreachpolicy.api;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as the access filter identified it. */
@RequestScoped
public class Caller implements dev.outreachpolicy.audit.RecordOwner {
    private Role role = Role.AGENT;
    private String name = "unidentified";
    private String identity = "unidentified";

    public Role role() { return role; }

    public String name() { return name; }

    /**
     * Who this is, as stably as the access mode knows: {@code local} without keys, else the role with a fingerprint
     * of the key ({@code legal#3f9a1c2b}), never the key itself. Idempotency keys and reviews are bound to it.
     */
    public String identity() { return identity; }

    /** Recorded with a decision when keys identify callers; without keys every caller is the one local user. */
    @Override
    public java.util.Optional<String> recordedIdentity() {
        return identity.equals("local") || identity.equals("unidentified") ? java.util.Optional.empty() : java.util.Optional.of(identity);
    }

    /** An agent reads back only the records of its own decisions; legal and admin read all. */
    @Override
    public boolean readsOwnRecordsOnly() { return role == Role.AGENT; }

    void identify(Role role, String name) {
        identify(role, name, name);
    }

    void identify(Role role, String name, String identity) {
        this.role = role;
        this.name = name;
        this.identity = identity;
    }
}
