package dev.outreachpolicy.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A name for an API key that can be stored and shown: the role and the first 8 hex digits of the key's SHA-256. */
final class KeyFingerprint {
    private KeyFingerprint() { }

    static String of(Role role, String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return role.name().toLowerCase(Locale.ROOT) + "#" + HexFormat.of().formatHex(d).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
