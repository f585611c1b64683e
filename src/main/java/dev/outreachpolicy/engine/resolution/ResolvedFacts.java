package dev.outreachpolicy.engine.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.facts.AsOf;
import dev.outreachpolicy.engine.facts.Consent;
import dev.outreachpolicy.engine.facts.Lia;
import dev.outreachpolicy.engine.facts.Prospect;
import dev.outreachpolicy.engine.facts.Request;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.request.RequestParser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts of one decision once resolved: the request as read, with what the service knew better than the caller
 * (location, subscriber, register screening, registered assessment or consent) filled in, and the suppression-list
 * entries that name the person. One value serves the rules ({@link #forRules()}), the record ({@link #toRecord()})
 * and the replay ({@link #fromRecord(JsonNode)}), so what is recorded and what is replayed cannot drift apart.
 */
public record ResolvedFacts(DecisionRequest request, List<Suppressed> suppressions) {

    public ResolvedFacts {
        suppressions = List.copyOf(suppressions);
    }

    /** The instant the rules judge at. */
    public AsOf asOf() {
        return new AsOf(request.asOf());
    }

    /**
     * The facts given to the rules: the one {@link Request} (step, channel, controller, prospect, basis, data, message
     * and the instant), the parts a request may lack (assessment, consent, contract, legal obligation, public task,
     * vital interests, automation) and the suppression-list entries that name the person.
     */
    public List<Object> forRules() {
        DecisionRequest r = request;
        List<Object> facts = new ArrayList<>(16 + suppressions.size());
        facts.add(new Request(asOf(), r.processing(), r.controller(), r.prospect(), r.basis(), r.data(), r.message()));
        Lia lia = r.basis().getRegisteredLia() != null ? r.basis().getRegisteredLia() : r.lia();
        Consent consent = r.basis().getRegisteredConsent() != null ? r.basis().getRegisteredConsent() : r.consent();
        for (Object optional : new Object[] {lia, consent, r.contract(), r.legalObligation(), r.publicTask(),
            r.vitalInterests(), r.automation()}) {
            if (optional != null) {
                facts.add(optional);
            }
        }
        facts.addAll(suppressions);
        return facts;
    }

    /**
     * The complete record: the request as received and a {@code resolved} section holding what was resolved, exactly
     * as the rules saw it. It holds direct identifiers: the service seals it under the person's key.
     */
    public ObjectNode toRecord() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        // A shallow copy: the request's nodes are shared, never changed (the request is not needed after this).
        ObjectNode req = out.putObject("request");
        if (request.body() instanceof ObjectNode body) {
            req.setAll(body);
        }
        if (!request.body().has("asOf")) {
            req.put("asOf", request.asOf().toString());
        }
        Prospect p = request.prospect();
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
        RegisteredFacts.write(request.basis(), res);
        var s = res.putArray("suppressions");
        for (Suppressed h : suppressions) {
            s.addObject().put("scope", h.getScope()).put("matchedOn", h.getMatchedOn()).put("source", h.getSource())
                .put("recordedAt", h.getRecordedAt() == null ? null : h.getRecordedAt().toString());
        }
        return out;
    }

    /**
     * The facts a decision was made on, rebuilt from its complete record ({@link #toRecord()}): the request parsed
     * again, and what was resolved at decision time put back as it was, not looked up again. An impact report replays
     * these.
     */
    public static ResolvedFacts fromRecord(JsonNode complete) {
        DecisionRequest r = RequestParser.parse(complete.path("request"), asOfOfRecord(complete));
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
        return new ResolvedFacts(r, hits);
    }

    /** The as-of instant of a complete record. */
    public static Instant asOfOfRecord(JsonNode complete) {
        return Fields.parseInstant(complete.path("request").path("asOf").asText());
    }

    private static String text(JsonNode n, String key) { return n.hasNonNull(key) ? n.get(key).asText() : null; }

    private static LocalDate date(JsonNode n, String key) { return n.hasNonNull(key) ? LocalDate.parse(n.get(key).asText()) : null; }
}
