package dev.outreachpolicy.engine.resolution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.facts.Basis;
import dev.outreachpolicy.engine.facts.Consent;
import dev.outreachpolicy.engine.facts.Lia;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a decision took from the registers, in its record: {@code resolved.assessment} ({@code {id, version}}) with
 * {@code resolved.lia} as the rules read it, and {@code resolved.consentReceipt} ({@code {id}}) with
 * {@code resolved.consent}. A replay puts them back as they were, so a later version or withdrawal changes nothing in it.
 */
public final class RegisteredFacts {
    private RegisteredFacts() { }

    static void write(Basis basis, ObjectNode resolved) {
        Lia lia = basis.getRegisteredLia();
        if (lia != null) {
            resolved.putObject("assessment").put("id", lia.getAssessmentId()).put("version", lia.getAssessmentVersion());
            ObjectNode l = resolved.putObject("lia");
            l.put("purposeTest", lia.getPurposeTest()).put("necessityTest", lia.getNecessityTest()).put("balancingTest", lia.getBalancingTest());
            l.put("assessedAt", date(lia.getAssessedAt()));
            lia.getSteps().forEach(l.putArray("steps")::add);
            lia.getCampaigns().forEach(l.putArray("campaigns")::add);
            lia.getChannels().forEach(l.putArray("channels")::add);
            l.put("reviewDueAt", date(lia.getReviewDueAt()));
        } else if (basis.getLiaRef() != null) {
            resolved.putObject("assessment").put("id", basis.getLiaRef()).putNull("version");
        }
        Consent c = basis.getRegisteredConsent();
        if (c != null) {
            resolved.putObject("consentReceipt").put("id", c.getReceiptId());
            ObjectNode o = resolved.putObject("consent");
            o.put("obtainedAt", date(c.getObtainedAt())).put("withdrawnAt", date(c.getWithdrawnAt()));
            c.getSteps().forEach(o.putArray("steps")::add);
            c.getChannels().forEach(o.putArray("channels")::add);
            o.put("preTicked", c.getPreTicked()).put("freelyGiven", c.getFreelyGiven()).put("informed", c.getInformed())
                .put("specific", c.getSpecific()).put("unambiguous", c.getUnambiguous()).put("explicit", c.getExplicit())
                .put("express", c.getExpress()).put("employmentContext", c.getEmploymentContext());
        } else if (basis.getConsentRef() != null) {
            resolved.putObject("consentReceipt").put("id", basis.getConsentRef()).put("unreadable", true);
        }
    }

    /** The basis.liaRef a complete record's request names, or null. */
    public static String liaRef(JsonNode complete) {
        JsonNode ref = complete.path("request").path("basis").path("liaRef");
        return ref.isTextual() ? ref.asText() : null;
    }

    /** A copy of a complete record in which the registered assessment it relied on is replaced by {@code lia}. */
    public static ObjectNode withLia(JsonNode complete, Lia lia) {
        ObjectNode copy = complete.deepCopy();
        ObjectNode resolved = copy.with("resolved");
        resolved.remove("assessment");
        resolved.remove("lia");
        Basis b = new Basis(null, null, lia.getAssessmentId(), null);
        b.setRegistered(lia, null);
        ObjectNode fresh = resolved.objectNode();
        write(b, fresh);
        resolved.set("assessment", fresh.get("assessment"));
        resolved.set("lia", fresh.get("lia"));
        return copy;
    }

    /** Puts back into a re-parsed request what its record says the registers gave. */
    static void restore(JsonNode resolved, DecisionRequest r) {
        Lia lia = null;
        JsonNode l = resolved.path("lia");
        JsonNode a = resolved.path("assessment");
        if (l.isObject() && a.hasNonNull("version")) {
            lia = lia(l, a.path("id").asText(), a.path("version").asInt());
        }
        Consent consent = null;
        JsonNode c = resolved.path("consent");
        if (c.isObject()) {
            LocalDate asOfDate = r.asOf().atOffset(ZoneOffset.UTC).toLocalDate();
            consent = new Consent(asOfDate, date(c, "obtainedAt"), date(c, "withdrawnAt"), list(c, "steps"), list(c, "channels"),
                bool(c, "preTicked"), bool(c, "freelyGiven"), bool(c, "informed"), bool(c, "specific"), bool(c, "unambiguous"),
                bool(c, "explicit"), bool(c, "express"), bool(c, "employmentContext"), resolved.path("consentReceipt").path("id").asText(null));
        }
        r.basis().setRegistered(lia, consent);
    }

    /** A version's LIA as recorded (or as an impact report's draft puts it). */
    static Lia lia(JsonNode l, String id, int version) {
        return new Lia(bool(l, "purposeTest"), bool(l, "necessityTest"), bool(l, "balancingTest"), date(l, "assessedAt"),
            list(l, "steps"), id, version, list(l, "campaigns"), list(l, "channels"), date(l, "reviewDueAt"));
    }

    private static String date(LocalDate d) { return d == null ? null : d.toString(); }

    private static LocalDate date(JsonNode n, String key) { return n.hasNonNull(key) ? LocalDate.parse(n.get(key).asText()) : null; }

    private static Boolean bool(JsonNode n, String key) { return n.hasNonNull(key) ? n.get(key).asBoolean() : null; }

    private static List<String> list(JsonNode n, String key) {
        List<String> out = new ArrayList<>();
        n.path(key).forEach(x -> out.add(x.asText()));
        return out;
    }
}
