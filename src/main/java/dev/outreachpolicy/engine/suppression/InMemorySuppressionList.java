package dev.outreachpolicy.engine.suppression;

import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.facts.Suppressed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A block list held in memory: what a fixture sets up when the rules are tested without a database (the
 * command line's {@code test}). Entries are read by {@link SuppressionRequest#parse}, as the API reads them, and match
 * as the stored list does: by ref, by normalised e-mail address, by its domain for whole-domain entries, by E.164.
 */
public final class InMemorySuppressionList implements SuppressionList {
    private final List<SuppressionRequest> entries = new ArrayList<>();

    /** Adds an entry read exactly as {@code POST /v1/suppressions} reads it. */
    public void add(SuppressionRequest entry) { entries.add(entry); }

    @Override
    public List<Suppressed> find(String ref, String email, String phoneE164) {
        String domain = email == null ? null : EmailAddress.domain(email);
        List<Suppressed> out = new ArrayList<>();
        for (SuppressionRequest e : entries) {
            String named = switch (e.kind()) {
                case "REF" -> ref;
                case "EMAIL" -> email;
                case "DOMAIN" -> domain;
                case "PHONE" -> phoneE164;
                default -> null;
            };
            if (e.identifier().equals(named)) {
                out.add(new Suppressed(e.scope(), e.kind().toLowerCase(Locale.ROOT), e.source(), e.at()));
            }
        }
        return out;
    }
}
