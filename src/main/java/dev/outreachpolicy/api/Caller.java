package dev.outreachpolicy.api;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as the access filter identified it. */
@RequestScoped
public class Caller {
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

    void identify(Role role, String name) {
        identify(role, name, name);
    }

    void identify(Role role, String name, String identity) {
        this.role = role;
        this.name = name;
        this.identity = identity;
    }
}
