package dev.outreachpolicy.engine.contact;

import java.util.Optional;

/**
 * E-mail addresses as the service compares them: in their canonical spelling ({@link CanonicalEmail}: NFKC, IDNA
 * ASCII domain, no trailing dot, lower case); the domain is what follows the last '@'.
 */
public final class EmailAddress {

    private EmailAddress() { }

    /** The normalised address, or empty when the text is not an address. */
    public static Optional<String> normalise(String raw) {
        return CanonicalEmail.address(raw);
    }

    public static String domain(String normalised) {
        return normalised.substring(normalised.lastIndexOf('@') + 1);
    }

    /** {@code j***@acme.co.uk}: enough to recognise a record, not enough to contact the person. */
    public static String mask(String normalised) {
        int at = normalised.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return normalised.substring(0, normalised.offsetByCodePoints(0, 1)) + "***" + normalised.substring(at);
    }
}
