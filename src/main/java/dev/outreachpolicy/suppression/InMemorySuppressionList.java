package dev.outreachpolicy.suppression;

import dev.outreachpolicy.contact.EmailAddress;
import dev.outreachpolicy.facts.Suppressed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A block list held in memory: what a fixture sets up when the rules are tested without a database (the
 * command line's {@code test}). It matches exactly as the stored list does: by ref, by e-mail address
 * (trimmed, case-insensitive), by the address's domain for whole-domain entries, and by E.164 number.
 */
public final class InMemorySuppressionList implements SuppressionList {
    /** One entry: exactly one of ref, email, domain or phone (E.164) is set. */
    public record Entry(String ref, String email, String domain, String phone, String scope, String source, Instant recordedAt) { }

    private final List<Entry> entries = new ArrayList<>();

    public void add(Entry e) { entries.add(e); }

    @Override
    public List<Suppressed> find(String ref, String email, String phoneE164) {
        String domain = email == null ? null : EmailAddress.domain(email);
        List<Suppressed> out = new ArrayList<>();
        for (Entry e : entries) {
            String on = null;
            if (e.ref() != null && e.ref().equals(ref)) {
                on = "ref";
            } else if (e.email() != null && email != null && e.email().trim().toLowerCase(Locale.ROOT).equals(email)) {
                on = "email";
            } else if (e.domain() != null && domain != null && e.domain().equalsIgnoreCase(domain)) {
                on = "domain";
            } else if (e.phone() != null && e.phone().equals(phoneE164)) {
                on = "phone";
            }
            if (on != null) {
                out.add(new Suppressed(e.scope(), on, e.source(), e.recordedAt()));
            }
        }
        return out;
    }
}
