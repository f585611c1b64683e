package dev.outreachpolicy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.contact.EmailAddress;
import dev.outreachpolicy.decision.DecisionRequest;
import dev.outreachpolicy.facts.Prospect;
import dev.outreachpolicy.facts.Suppressed;
import dev.outreachpolicy.decision.FactResolver;
import dev.outreachpolicy.decision.RequestParser;
import dev.outreachpolicy.input.Fields;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of a decision as they were resolved, in two forms: complete (the request as received plus what the
 * service resolved: location, subscriber, register screening, suppression hits), to be sealed under the person's
 * key and replayed later; and masked, kept in the clear, where direct identifiers are shown as
 * {@code j***@acme.co.uk}, {@code +44 ***} and {@code crm:***}.
 */
public final class RecordedFacts {
    private RecordedFacts() { }

    /** The request with a {@code resolved} section: what a replay needs, exactly as the rules saw it. */
    public static ObjectNode complete(DecisionRequest r, List<Suppressed> hits) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        // A shallow copy: the request's nodes are shared, never changed (the request is not needed after this).
        ObjectNode request = out.putObject("request");
        if (r.body() instanceof ObjectNode body) {
            request.setAll(body);
        }
        if (!r.body().has("asOf")) {
            request.put("asOf", r.asOf().toString());
        }
        Prospect p = r.prospect();
        ObjectNode res = out.putObject("resolved");
        res.put("location", p.getLocation());
        res.put("subscriber", p.getSubscriber());
        res.put("subscriberSource", p.getSubscriberSource());
        res.put("phoneE164", p.getPhoneE164());
        res.put("freeMail", p.isFreeMail());
        res.put("tps", p.getTps());
        res.put("tpsCheckedAt", p.getTpsCheckedAt() == null ? null : p.getTpsCheckedAt().toString());
        res.put("tpsSource", p.getTpsSource());
        res.put("ctps", p.getCtps());
        res.put("ctpsCheckedAt", p.getCtpsCheckedAt() == null ? null : p.getCtpsCheckedAt().toString());
        res.put("ctpsSource", p.getCtpsSource());
        RegisteredFacts.write(r.basis(), res);
        var s = res.putArray("suppressions");
        for (Suppressed h : hits) {
            s.addObject().put("scope", h.getScope()).put("matchedOn", h.getMatchedOn()).put("source", h.getSource())
                .put("recordedAt", h.getRecordedAt() == null ? null : h.getRecordedAt().toString());
        }
        return out;
    }

    /** The same with the person's direct identifiers masked. */
    public static ObjectNode masked(ObjectNode complete, DecisionRequest r) {
        // Shallow copies of the nodes that change (request, prospect, resolved); the others are shared with complete.
        ObjectNode out = complete.objectNode().setAll(complete);
        if (out.get("request") instanceof ObjectNode request) {
            out.set("request", request.objectNode().setAll(request));
        }
        if (out.get("resolved") instanceof ObjectNode resolved) {
            out.set("resolved", resolved.objectNode().setAll(resolved));
        }
        JsonNode prospect = out.path("request").path("prospect");
        if (prospect.isObject()) {
            ObjectNode p = ((ObjectNode) prospect).objectNode().setAll((ObjectNode) prospect);
            ((ObjectNode) out.get("request")).set("prospect", p);
            if (r.prospect().getEmail() != null) {
                p.put("email", EmailAddress.mask(r.prospect().getEmail()));
            }
            if (p.hasNonNull("phone")) {
                String e164 = r.prospect().getPhoneE164();
                p.put("phone", e164 == null ? "***" : maskPhone(e164));
            }
            if (p.hasNonNull("ref")) {
                p.put("ref", maskRef(r.prospect().getRef()));
            }
        }
        ObjectNode res = (ObjectNode) out.get("resolved");
        if (res.hasNonNull("phoneE164")) {
            res.put("phoneE164", maskPhone(res.get("phoneE164").asText()));
        }
        return out;
    }

    /**
     * The facts a decision was made on, rebuilt from its complete record: the request parsed again, and what was
     * resolved at decision time (subscriber, location, register screening, suppression hits) put back as it was,
     * not looked up again. This is what an impact report replays.
     */
    public static List<Object> restore(JsonNode complete) {
        DecisionRequest r = RequestParser.parse(complete.path("request"), Fields.parseInstant(complete.path("request").path("asOf").asText()));
        JsonNode res = complete.path("resolved");
        Prospect p = r.prospect();
        p.setLocation(text(res, "location"));
        p.setSubscriber(text(res, "subscriber"));
        p.setSubscriberSource(text(res, "subscriberSource"));
        p.setFreeMail(res.path("freeMail").asBoolean(false));
        if (p.getEmail() != null) {
            p.setEmailDomain(EmailAddress.domain(p.getEmail()));
        }
        p.setTps(text(res, "tps"));
        p.setTpsCheckedAt(date(res, "tpsCheckedAt"));
        p.setTpsSource(text(res, "tpsSource"));
        p.setCtps(text(res, "ctps"));
        p.setCtpsCheckedAt(date(res, "ctpsCheckedAt"));
        p.setCtpsSource(text(res, "ctpsSource"));
        List<Suppressed> hits = new ArrayList<>();
        for (JsonNode h : res.path("suppressions")) {
            hits.add(new Suppressed(text(h, "scope"), text(h, "matchedOn"), text(h, "source"),
                h.hasNonNull("recordedAt") ? Instant.parse(h.get("recordedAt").asText()) : null));
        }
        RegisteredFacts.restore(res, r);
        return FactResolver.facts(r, hits);
    }

    /** The as-of instant of a complete record. */
    public static Instant asOf(JsonNode complete) {
        return Fields.parseInstant(complete.path("request").path("asOf").asText());
    }

    private static String text(JsonNode n, String key) { return n.hasNonNull(key) ? n.get(key).asText() : null; }

    private static LocalDate date(JsonNode n, String key) { return n.hasNonNull(key) ? LocalDate.parse(n.get(key).asText()) : null; }

    /**
     * {@code +44 ***}: the calling code of an E.164 number. Calling codes are prefix-free, so the first 1 to 3 digits
     * that form a known code are it; this reads the code without parsing the number again.
     */
    static String maskPhone(String e164) {
        if (e164 == null || e164.length() < 2 || e164.charAt(0) != '+') {
            return "***";
        }
        int code = 0;
        for (int i = 1; i <= 3 && i < e164.length(); i++) {
            char ch = e164.charAt(i);
            if (ch < '0' || ch > '9') {
                return "***";
            }
            code = code * 10 + (ch - '0');
            if (!"ZZ".equals(PHONES.getRegionCodeForCountryCode(code))) {
                return "+" + code + " ***";
            }
        }
        return "***";
    }

    private static final com.google.i18n.phonenumbers.PhoneNumberUtil PHONES = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();

    static String maskRef(String ref) {
        if (ref == null) {
            return null;
        }
        int colon = ref.indexOf(':');
        return (colon > 0 ? ref.substring(0, colon + 1) : "") + "***";
    }
}
