package dev.outreachpolicy.contact;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** E-mail addresses as the service compares them: trimmed and lower-cased; the domain is what follows the last '@'. */
public final class EmailAddress {
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private EmailAddress() { }

    /** The normalised address, or empty when the text is not an address. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String e = raw.trim().toLowerCase(Locale.ROOT);
        return SHAPE.matcher(e).matches() ? Optional.of(e) : Optional.empty();
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
        return normalised.charAt(0) + "***" + normalised.substring(at);
    }
}
