package dev.outreachpolicy.api;

import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, as the access filter identified it. */
@RequestScoped
public class Caller {
    private Role role = Role.AGENT;
    private String name = "unidentified";

    public Role role() { return role; }

    public String name() { return name; }

    void identify(Role role, String name) {
        this.role = role;
        this.name = name;
    }
}
