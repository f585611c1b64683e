package dev.outreachpolicy.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's secret: it makes the keyed hashes (HMAC-SHA256) under which identifiers are stored, and
 * wraps (AES-GCM) the per-person keys of the decision records. Configured with
 * {@code POLICY_SUPPRESSION_KEY} (base64, 32 bytes or more) and {@code POLICY_SUPPRESSION_KEY_ID}. On the embedded
 * store it may be left unset: it is then generated once and kept in {@code <POLICY_DATA_DIR>/keys/service.key}. With an
 * external database it is required, so that every instance hashes identifiers alike. It is made when the service
 * starts ({@code @Startup}): a missing, malformed or short key stops the start with the reason, before readiness.
 */
@io.quarkus.runtime.Startup
@ApplicationScoped
public class StoreKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final byte[] secret;
    private final String keyId;
    private final byte[] wrappingKey;
    /** The secret's HMAC, keyed once per thread: looking up the provider and keying it costs more than a hash. */
    private final ThreadLocal<Mac> secretMac;

    @Inject
    public StoreKeys(@ConfigProperty(name = "policy.suppression.key") java.util.Optional<String> configuredKey,
                     @ConfigProperty(name = "policy.suppression.key-id") java.util.Optional<String> configuredKeyId,
                     @ConfigProperty(name = "policy.data-dir", defaultValue = "data") String dataDir,
                     @ConfigProperty(name = "policy.store.embedded", defaultValue = "false") boolean embeddedStore) {
        String configured = configuredKey.orElse("");
        String configuredId = configuredKeyId.orElse("");
        if (configured.isBlank() && !embeddedStore) {
            // Instances sharing a database must hash identifiers with one key, or an opt-out recorded on one would
            // never match on another. Only the embedded store, which one instance owns, may generate its own.
            throw new IllegalStateException("POLICY_SUPPRESSION_KEY is required with an external database "
                + "(QUARKUS_DATASOURCE_JDBC_URL): give every instance the same base64 secret of 32 bytes or more, "
                + "for example the output of: openssl rand -base64 32");
        }
        this.secret = configured.isBlank() ? localSecret(Path.of(dataDir)) : decode(configured.trim());
        if (secret.length < 32) {
            throw new IllegalStateException("POLICY_SUPPRESSION_KEY must hold at least 32 bytes (base64)");
        }
        this.keyId = configuredId.isBlank() ? "k-" + HexFormat.of().formatHex(sha256(secret)).substring(0, 12) : configuredId.trim();
        this.wrappingKey = hmac(secret, "wrap-subject-keys".getBytes(StandardCharsets.UTF_8));
        this.secretMac = macPerThread(secret);
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("POLICY_SUPPRESSION_KEY is not base64: give a base64 secret of 32 bytes or more, "
                + "for example the output of: openssl rand -base64 32");
        }
    }

    private static byte[] localSecret(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve("service.key");
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            Path tmp = file.resolveSibling("service.key.tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(fresh));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** The keyed hash of an identifier, domain-separated by its kind (REF, EMAIL, DOMAIN, PHONE). */
    public byte[] hash(String kind, String normalisedValue) {
        return secretMac.get().doFinal((kind + ":" + normalisedValue).getBytes(StandardCharsets.UTF_8));
    }

    private static ThreadLocal<Mac> macPerThread(byte[] key) {
        return ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public String keyId() { return keyId; }

    public byte[] newDataKey() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }

    public byte[] wrap(byte[] dataKey) { return Sealing.seal(wrappingKey, dataKey); }

    public byte[] unwrap(byte[] wrapped) { return Sealing.open(wrappingKey, wrapped); }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AES-256-GCM with a random 12-byte nonce stored in front of the ciphertext. */
    public static final class Sealing {
        /** One cipher object per thread (re-initialised with a fresh nonce for every use): no provider look-up per call. */
        private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
            try {
                return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });

        private Sealing() { }

        public static byte[] seal(byte[] key, byte[] plain) {
            try {
                byte[] nonce = new byte[12];
                RANDOM.nextBytes(nonce);
                Cipher c = GCM.get();
                c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
                byte[] sealed = c.doFinal(plain);
                byte[] out = new byte[12 + sealed.length];
                System.arraycopy(nonce, 0, out, 0, 12);
                System.arraycopy(sealed, 0, out, 12, sealed.length);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        public static byte[] open(byte[] key, byte[] sealed) {
            try {
                Cipher c = GCM.get();
                c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
                return c.doFinal(sealed, 12, sealed.length - 12);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot open sealed data", e);
            }
        }
    }
}
