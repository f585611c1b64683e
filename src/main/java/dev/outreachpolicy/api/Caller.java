package dev.outreachpolicy.api;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as the access filter identified it. */
@RequestScoped
public class Caller {
    private Role role = Role.AGENT;
    private String name = "unidentified";
    private String keyId = "none";

    public Role role() { return role; }

    public String name() { return name; }

    /**
     * Which key called: {@code key-} and the first 12 hex digits of the key's SHA-256 (the key itself is never kept), or
     * {@code local} for a loopback caller when no keys are configured. Registers keep it with what the caller recorded.
     */
    public String keyId() { return keyId; }

    /** Who recorded something, as a register keeps it: {@code legal (key-1a2b3c4d5e6f)}. */
    public String recordedBy() { return keyId.equals(name) ? name : name + " (" + keyId + ")"; }

    void keyId(String keyId) { this.keyId = keyId; }

    void identify(Role role, String name) {
        this.role = role;
        this.name = name;
    }
}
