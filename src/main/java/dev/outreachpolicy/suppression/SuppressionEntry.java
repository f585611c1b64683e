package dev.outreachpolicy.suppression;

import java.time.Instant;
import java.util.UUID;

/**
 * An entry of the global block list as stored: the kind of identifier (REF, EMAIL, DOMAIN, PHONE), the identifier
 * masked for display (the identifier itself is kept only as a keyed hash), the scope, the source, when the person
 * opted out ({@code at}) and when the service recorded it.
 */
public record SuppressionEntry(UUID id, String kind, String masked, String keyId, String scope, String source,
                               Instant at, Instant recordedAt) { }
