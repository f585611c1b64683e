package dev.outreachpolicy.store;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The ids of stored records: a kind prefix ({@code dec_} a decision, {@code asm_} an assessment, {@code cns_} a consent
 * receipt, {@code pln_} a plan) and a ULID (48-bit time, 80 random bits, Crockford base32), sortable by time.
 */
public final class RecordIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static final String DECISION = "dec_";
    public static final String ASSESSMENT = "asm_";
    public static final String CONSENT = "cns_";
    public static final String PLAN = "pln_";

    private RecordIds() { }

    /** A new id of the given kind ({@link #DECISION}, …) made at {@code now}. */
    public static String next(String kind, Instant now) {
        long time = now.toEpochMilli();
        byte[] rnd = new byte[10];
        RANDOM.nextBytes(rnd);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (rnd[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (rnd[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return kind + new String(out);
    }
}
