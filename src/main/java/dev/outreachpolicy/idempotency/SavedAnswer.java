package dev.outreachpolicy.idempotency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answer saved for an idempotency key: its status and body as first given, and the hash of the request it answered. */
public record SavedAnswer(int status, String body, String requestHash) {

    /** Whether this answer may be given to a request with this key: the same request again (or a key saved before hashes were kept). */
    public boolean answers(IdempotencyKey key) {
        return requestHash.isEmpty() || requestHash.equals(key.requestHash());
    }

    /** The answer as it was first given. */
    public Response response() {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
