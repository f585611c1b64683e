/**
 * Retries made safe: an endpoint that takes an {@code Idempotency-Key} ({@code POST /v1/decisions},
 * {@code /v1/decisions:batch}, {@code /v1/plans}, {@code /v1/suppressions}) reads the header into an
 * {@link dev.outreachpolicy.idempotency.IdempotencyKey} (bound to the caller, with the hash of the request), replays
 * the answer saved for it ({@link dev.outreachpolicy.idempotency.IdempotencyStore#replay}), and otherwise saves its
 * answer with what it records. The same key sent with a different request is refused
 * ({@link dev.outreachpolicy.idempotency.IdempotencyKeyReusedException}, a 422).
 */
package dev.outreachpolicy.idempotency;
