package dev.outreachpolicy.engine.contact;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one spelling under which an e-mail address or a domain is compared, hashed and stored, so that an opt-out
 * cannot be bypassed by writing the same address another way:
 * <ol>
 *   <li>Unicode normalisation NFKC ({@link Normalizer}): fullwidth letters, a fullwidth {@code ＠}, compatibility
 *       forms become their plain characters;</li>
 *   <li>the domain to ASCII with IDNA ({@link IDN#toASCII}): {@code пример.com} and {@code xn--e1afmkfd.com} are one
 *       domain; the ideographic full stop separates labels as a dot does;</li>
 *   <li>the trailing dot of a fully qualified domain dropped ({@code acme.com.} is {@code acme.com});</li>
 *   <li>lower case (root locale) for the local part and the domain.</li>
 * </ol>
 * The local part is otherwise kept as written: providers differ on dots and {@code +tags}, so folding them would
 * match people who are not the same person.
 */
public final class CanonicalEmail {
    private static final Pattern LABELS = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    /** RFC 5321: a local part has at most 64 octets, a whole address at most 254 characters. */
    static final int MAX_LOCAL = 64;
    static final int MAX_ADDRESS = 254;

    private CanonicalEmail() { }

    /** The canonical address, or empty when the text is not an address. */
    public static Optional<String> address(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            return Optional.empty();
        }
        String local = s.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.length() > MAX_LOCAL || local.indexOf('@') >= 0 || !printable(local)) {
            return Optional.empty();
        }
        return domain(s.substring(at + 1)).map(d -> local + "@" + d)
            .filter(a -> a.length() <= MAX_ADDRESS);
    }

    /** The canonical domain (ASCII, lower case, no trailing dot), or empty when the text is not a domain name. */
    public static Optional<String> domain(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
        if (s.startsWith("@")) {
            s = s.substring(1);
        }
        // IDN treats the ideographic and fullwidth full stops as dots; normalise them first so the trailing dot is seen.
        s = s.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 253) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return LABELS.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
    }

    /** The domain as a reader sees it ({@code пример.com} for {@code xn--e1afmkfd.com}). */
    public static String unicodeDomain(String canonicalDomain) {
        try {
            return IDN.toUnicode(canonicalDomain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return canonicalDomain;
        }
    }

    private static boolean printable(String local) {
        for (int i = 0; i < local.length(); ) {
            int cp = local.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE
                || Character.getType(cp) == Character.FORMAT) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
