package dev.outreachpolicy.api;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as the access filter identified it. */
@RequestScoped
public class Caller implements dev.outreachpolicy.audit.RecordOwner {
    private Role role = Role.AGENT;
    private String name = "unidentified";
    private String keyId = "none";
    private String identity = "unidentified";

    public Role role() { return role; }

    public String name() { return name; }

    /**
     * Who this is, as stably as the access mode knows: {@code local} without keys, else the role with the key's id
     * ({@code legal (key-1a2b3c4d5e6f)}), never the key itself. Idempotency keys, records and reviews are bound to it.
     */
    public String identity() { return keyId.equals("none") ? identity : recordedBy(); }

    /** Recorded with a decision when keys identify callers; without keys every caller is the one local user. */
    @Override
    public java.util.Optional<String> recordedIdentity() {
        String who = identity();
        return who.equals("local") || who.equals("unidentified") ? java.util.Optional.empty() : java.util.Optional.of(who);
    }

    /** An agent reads back only the records of its own decisions; legal and admin read all. */
    @Override
    public boolean readsOwnRecordsOnly() { return role == Role.AGENT; }

    /**
     * Which key called: {@code key-} and the first 12 hex digits of the key's SHA-256 (the key itself is never kept), or
     * {@code local} for a loopback caller when no keys are configured. Registers keep it with what the caller recorded.
     */
    public String keyId() { return keyId; }

    /** Who recorded something, as a register keeps it: {@code legal (key-1a2b3c4d5e6f)}. */
    public String recordedBy() { return keyId.equals(name) ? name : name + " (" + keyId + ")"; }

    void keyId(String keyId) { this.keyId = keyId; }

    void identify(Role role, String name) {
        identify(role, name, name);
    }

    void identify(Role role, String name, String identity) {
        this.role = role;
        this.name = name;
        this.identity = identity;
    }
}
