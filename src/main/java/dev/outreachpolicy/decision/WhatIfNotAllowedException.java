package dev.outreachpolicy.decision;

import java.time.Duration;
import java.time.Instant;

/**
 * An {@code asOf} more than 24 hours away from now, earlier or later, is a what-if, which only the legal and admin
 * roles may ask (contract v1.1): an agent must not back-date a request to reach rules no longer in force, nor ask
 * about a future that has not come.
 */
public final class WhatIfNotAllowedException extends RuntimeException {
    public WhatIfNotAllowedException() { this(false); }

    public WhatIfNotAllowedException(boolean past) {
        super("asOf lies more than 24 hours in the " + (past ? "past" : "future")
            + ": a what-if question needs the legal or admin role (send no asOf to decide for now)");
    }

    /** Whether {@code asOf} lies more than {@code window} away from {@code now}, either way. */
    public static boolean isWhatIf(Instant asOf, Instant now, Duration window) {
        return asOf.isAfter(now.plus(window)) || asOf.isBefore(now.minus(window));
    }
}
