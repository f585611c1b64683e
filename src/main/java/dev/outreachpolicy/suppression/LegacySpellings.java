package dev.outreachpolicy.suppression;

import dev.outreachpolicy.engine.contact.CanonicalEmail;
import dev.outreachpolicy.engine.contact.EmailAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spellings under which entries recorded before canonical spelling (identifier form 1) may have hashed an e-mail
 * address: the service then only trimmed and lower-cased it, so {@code jane@пример.com} and {@code jane@acme.com.}
 * were hashed as written. Only the hash was kept, so those rows cannot be re-hashed; a lookup asks for these
 * spellings as well. Domain entries never needed this: the old form already refused Unicode and a trailing dot.
 * What it cannot find: old entries spelt with fullwidth or other compatibility characters (there is no finite list).
 */
final class LegacySpellings {
    private LegacySpellings() { }

    /** Spellings of a canonical address that the old form could have stored, other than the canonical one. */
    static List<String> ofEmail(String canonical) {
        String local = canonical.substring(0, canonical.lastIndexOf('@'));
        String ascii = EmailAddress.domain(canonical);
        String unicode = CanonicalEmail.unicodeDomain(ascii).toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>();
        out.add(local + "@" + ascii + ".");
        out.add(local + "@" + unicode);
        out.add(local + "@" + unicode + ".");
        out.remove(canonical);
        return List.copyOf(out);
    }
}
