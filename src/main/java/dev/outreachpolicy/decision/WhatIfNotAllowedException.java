package dev.outreachpolicy.decision;

/** An {@code asOf} more than 24 hours ahead is a what-if, which only the legal and admin roles may ask. */
public final class WhatIfNotAllowedException extends RuntimeException {
    public WhatIfNotAllowedException() {
        super("asOf lies more than 24 hours in the future: a what-if question needs the legal or admin role");
    }
}
