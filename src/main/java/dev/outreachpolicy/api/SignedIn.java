package dev.outreachpolicy.api;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The browser session of the current request, when the legal page's cookie named a live one. */
@RequestScoped
public class SignedIn {
    private BrowserSessions.Session session;

    public Optional<BrowserSessions.Session> session() { return Optional.ofNullable(session); }

    void set(BrowserSessions.Session session) { this.session = session; }
}
