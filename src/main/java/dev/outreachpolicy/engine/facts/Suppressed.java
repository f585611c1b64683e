package dev.outreachpolicy.engine.facts;

import java.time.Instant;

/** A suppression-list entry that matches the person and blocks this step and channel. */
public final class Suppressed {
    private final String scope;
    private final String matchedOn;
    private final String source;
    private final Instant recordedAt;

    public Suppressed(String scope, String matchedOn, String source, Instant recordedAt) {
        this.scope = scope;
        this.matchedOn = matchedOn;
        this.source = source;
        this.recordedAt = recordedAt;
    }

    public String getScope() { return scope; }
    public String getMatchedOn() { return matchedOn; }
    public String getSource() { return source; }
    public Instant getRecordedAt() { return recordedAt; }
}
