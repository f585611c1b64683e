package dev.outreachpolicy.audit;

import java.util.Optional;

/**
 * Who is asking, as the records need to know it: the identity a decision is recorded under, and whether the caller may
 * read every record or only its own. Implemented by the HTTP layer's caller; absent outside a request (command line,
 * impact replay), where nothing is recorded under a caller.
 */
public interface RecordOwner {
    /** The caller's identity to record with a decision, or empty when none applies (no-key mode, no request). */
    Optional<String> recordedIdentity();

    /** Whether this caller reads only the records of its own decisions. */
    boolean readsOwnRecordsOnly();
}
