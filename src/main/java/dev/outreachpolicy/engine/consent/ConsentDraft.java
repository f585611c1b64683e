package dev.outreachpolicy.engine.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.contact.PhoneNumbers;
import dev.outreachpolicy.engine.facts.Vocabulary;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A consent receipt as the system that captured the consent sends it ({@code POST /v1/consents}), read strictly: every
 * offending field is named by pointer. {@code method} {@code PRE_TICKED_CHECKBOX} makes the consent pre-ticked.
 *
 * @param email normalised (lower case), or null
 * @param phoneE164 the phone in E.164, or null
 */
public record ConsentDraft(String ref, String email, String phone, String phoneE164, LocalDate obtainedAt, List<String> steps,
                           List<String> channels, String purpose, String source, String noticeVersion, String method,
                           Boolean freelyGiven, Boolean informed, Boolean specific, Boolean unambiguous, Boolean explicit,
                           Boolean express, Boolean employmentContext) {
    public static final Set<String> METHODS = new java.util.LinkedHashSet<>(List.of("UNTICKED_CHECKBOX", "PRE_TICKED_CHECKBOX",
        "SIGNED_FORM", "VERBAL_RECORDED", "DOUBLE_OPT_IN", "OTHER"));

    public boolean preTicked() { return "PRE_TICKED_CHECKBOX".equals(method); }

    /** @param today the UTC date now: a consent cannot be obtained later than today */
    public static ConsentDraft parse(JsonNode body, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        Fields f = Fields.root(body, errors);
        String ref = f.requiredString("ref");
        String email = null;
        String rawEmail = f.string("email");
        if (rawEmail != null) {
            email = EmailAddress.normalise(rawEmail).orElse(null);
            if (email == null) {
                f.error("email", "must be an e-mail address (name@domain)");
            }
        }
        String phone = f.string("phone");
        String e164 = null;
        if (phone != null) {
            e164 = PhoneNumbers.parse(phone, null).map(n -> n.e164()).orElse(null);
            if (e164 == null) {
                f.error("phone", "must be a possible phone number in E.164 (+442079460000)");
            }
        }
        LocalDate obtainedAt = f.date("obtainedAt");
        if (obtainedAt == null && !f.has("obtainedAt")) {
            f.error("obtainedAt", "is required: when the person gave the consent");
        } else if (obtainedAt != null && obtainedAt.isAfter(today)) {
            f.error("obtainedAt", "must not lie in the future");
        }
        List<String> steps = required(f, "steps", f.enumList("steps", Vocabulary.STEPS), "the steps consented to");
        List<String> channels = f.enumList("channels", Vocabulary.CHANNELS);
        if (channels == null && !f.has("channels")) {
            f.error("channels", "is required: the channels consented to (may be empty when no outreach is consented to)");
        }
        String purpose = f.requiredString("purpose");
        String source = f.requiredString("source");
        String noticeVersion = f.string("noticeVersion");
        String method = f.requiredEnum("method", METHODS);
        Boolean freelyGiven = requiredBool(f, "freelyGiven");
        Boolean informed = requiredBool(f, "informed");
        Boolean specific = requiredBool(f, "specific");
        Boolean unambiguous = requiredBool(f, "unambiguous");
        Boolean explicit = f.bool("explicit");
        Boolean express = f.bool("express");
        Boolean employmentContext = f.bool("employmentContext");
        f.finish();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ConsentDraft(ref, email, phone, e164, obtainedAt, steps, channels, purpose, source, noticeVersion, method,
            freelyGiven, informed, specific, unambiguous, explicit, express, employmentContext);
    }

    public static LocalDate today() { return java.time.Instant.now().atOffset(ZoneOffset.UTC).toLocalDate(); }

    private static List<String> required(Fields f, String name, List<String> value, String what) {
        if (value == null && !f.has(name)) {
            f.error(name, "is required: " + what);
        } else if (value != null && value.isEmpty() && f.errors().stream().noneMatch(e -> e.pointer().startsWith("/" + name))) {
            f.error(name, "must list at least one step");
        }
        return value;
    }

    private static Boolean requiredBool(Fields f, String name) {
        Boolean v = f.bool(name);
        if (v == null && !f.has(name)) {
            f.error(name, "is required: true or false");
        }
        return v;
    }

    /** The receipt's content: what is sealed under the person's key. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("ref", ref);
        o.put("email", email);
        o.put("phone", phone);
        o.put("obtainedAt", obtainedAt.toString());
        steps.forEach(o.putArray("steps")::add);
        channels.forEach(o.putArray("channels")::add);
        o.put("purpose", purpose);
        o.put("source", source);
        o.put("noticeVersion", noticeVersion);
        o.put("method", method);
        o.put("preTicked", preTicked());
        o.put("freelyGiven", freelyGiven);
        o.put("informed", informed);
        o.put("specific", specific);
        o.put("unambiguous", unambiguous);
        o.put("explicit", explicit);
        o.put("express", express);
        o.put("employmentContext", employmentContext);
        return o;
    }

    /** Reads a sealed receipt's content back (written by {@link #toJson()}; the derived {@code preTicked} is dropped). */
    public static ConsentDraft fromJson(JsonNode stored) {
        ObjectNode copy = stored.deepCopy();
        copy.remove("preTicked");
        return parse(copy, LocalDate.MAX);
    }
}
