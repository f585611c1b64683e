package dev.outreachpolicy.store;

/** The store could not do what was asked; the request fails closed (503) and nothing is half-written. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) { super(message, cause); }
}
