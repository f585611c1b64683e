package dev.outreachpolicy.idempotency;

/** An Idempotency-Key sent again with a different request: refused with 422, since a retry repeats its request. */
public final class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was used within 24 hours for a different request; use a new key for a new request");
    }
}
