package dev.outreachpolicy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.request.DecisionRequest;

/**
 * The facts of a decision as kept in the clear beside its sealed complete record
 * ({@link dev.outreachpolicy.engine.resolution.ResolvedFacts#toRecord()}): direct identifiers shown as
 * {@code j***@acme.co.uk}, {@code +44 ***} and {@code crm:***}.
 */
public final class RecordedFacts {
    private RecordedFacts() { }

    /** A complete record ({@code ResolvedFacts.toRecord()}) with the person's direct identifiers masked. */
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
