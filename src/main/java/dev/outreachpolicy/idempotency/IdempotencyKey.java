package dev.outreachpolicy.idempotency;

import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.input.TextRules;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where an idempotent request keeps its answer: the endpoint, the caller's key bound to the caller's identity (so that
 * one caller replaying another's key gets its own answer, and its own role's checks, never the other's saved answer),
 * and the hash of the request (so that the key sent again with a different request is refused).
 */
public record IdempotencyKey(String endpoint, String key, String requestHash) {
    static final int MAX_LENGTH = 255;

    /**
     * The key of a request, or null when it sends none.
     * @param endpoint the method and path, {@code POST /v1/decisions}
     * @param header the {@code Idempotency-Key} header as sent
     * @param body the request's body as sent
     * @param callerIdentity who asks, as the access filter identified the caller
     * @throws InvalidInputException naming {@code /headers/Idempotency-Key} when the header is too long or holds
     *     characters a text field may not
     */
    public static IdempotencyKey of(String endpoint, String header, String body, String callerIdentity) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (header.length() > MAX_LENGTH) {
            throw new InvalidInputException("/headers/Idempotency-Key", "must be at most " + MAX_LENGTH + " characters");
        }
        String problem = TextRules.problem(header);
        if (problem != null) {
            throw new InvalidInputException("/headers/Idempotency-Key", problem);
        }
        return new IdempotencyKey(endpoint, callerIdentity + " " + header.trim(), sha256(body == null ? "" : body));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
