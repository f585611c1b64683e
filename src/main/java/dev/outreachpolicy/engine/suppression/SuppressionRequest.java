package dev.outreachpolicy.engine.suppression;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.contact.PhoneNumber;
import dev.outreachpolicy.engine.contact.PhoneNumbers;
import dev.outreachpolicy.engine.facts.Vocabulary;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request to block a person: exactly one identifier ({@code email}, {@code phone}, {@code ref}, or
 * {@code domain} for a whole company domain), a scope (default ALL), a source, and when the person opted
 * out ({@code at}, default now, never in the future). Identifiers are normalised here: e-mails and domains to their
 * canonical spelling ({@link dev.outreachpolicy.engine.contact.CanonicalEmail}), phones to E.164 (national numbers read with
 * {@code country}).
 */
public record SuppressionRequest(String kind, String identifier, String masked, String scope, String source, Instant at) {
    /** Clock skew tolerated before an {@code at} counts as in the future. */
    static final Duration SKEW = Duration.ofMinutes(5);

    public static SuppressionRequest parse(JsonNode body, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Fields f = Fields.root(body, errors);
        String email = f.string("email");
        String phone = f.string("phone");
        String ref = f.string("ref");
        String domain = f.string("domain");
        String country = f.string("country");
        String scope = f.enumValue("scope", Vocabulary.SUPPRESSION_SCOPES);
        String source = f.string("source");
        Instant at = f.instant("at");
        f.finish();
        int given = (email != null ? 1 : 0) + (phone != null ? 1 : 0) + (ref != null ? 1 : 0) + (domain != null ? 1 : 0);
        if (given == 0 && errors.isEmpty()) {
            errors.add(new FieldError("/email", "an entry needs one identifier: email, phone, ref or domain"));
        } else if (given > 1) {
            errors.add(new FieldError("/", "give exactly one identifier of email, phone, ref and domain; post one entry per identifier"));
        }
        if (at != null && at.isAfter(now.plus(SKEW))) {
            errors.add(new FieldError("/at", "must not lie in the future: it is when the person opted out"));
        }
        String kind = null;
        String id = null;
        String masked = null;
        if (email != null) {
            kind = "EMAIL";
            id = EmailAddress.normalise(email).orElse(null);
            if (id == null) {
                errors.add(new FieldError("/email", "must be an e-mail address (name@domain)"));
            } else {
                masked = EmailAddress.mask(id);
            }
        } else if (phone != null) {
            kind = "PHONE";
            PhoneNumber n = PhoneNumbers.parse(phone, country == null ? null : country.toUpperCase(Locale.ROOT)).orElse(null);
            if (n == null) {
                errors.add(new FieldError("/phone", "must be a possible phone number: E.164 (+442079460000), or national with country"));
            } else {
                id = n.e164();
                masked = n.masked();
            }
        } else if (ref != null) {
            kind = "REF";
            if (ref.isBlank()) {
                errors.add(new FieldError("/ref", "must not be blank"));
            } else {
                id = ref;
                masked = ref.length() <= 4 ? "***" : ref.substring(0, 4) + "***";
            }
        } else if (domain != null) {
            kind = "DOMAIN";
            String d = dev.outreachpolicy.engine.contact.CanonicalEmail.domain(domain).orElse(null);
            if (d == null) {
                errors.add(new FieldError("/domain", "must be a domain name (acme.com)"));
            } else {
                id = d;
                masked = "@" + d;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new SuppressionRequest(kind, id, masked, scope == null ? "ALL" : scope, source, at == null ? now : at);
    }
}
