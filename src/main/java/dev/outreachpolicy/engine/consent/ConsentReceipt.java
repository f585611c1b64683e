package dev.outreachpolicy.engine.consent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.facts.Consent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A receipt of the register, opened with the person's key.
 *
 * @param withdrawnAt when the person withdrew (the earliest withdrawal recorded), or null
 * @param withdrawalRecordedAt when that withdrawal was recorded, or null
 */
public record ConsentReceipt(String id, ConsentDraft draft, Instant recordedAt, String recordedBy, Instant withdrawnAt,
                             Instant withdrawalRecordedAt) {

    /**
     * The receipt as the rules read it on a decision for {@code asOfDate}. A recorded withdrawal holds for every decision
     * evaluated after it was recorded, whatever its {@code asOf} (as an opt-out does): the consent then reads as withdrawn
     * on the as-of date at the latest.
     */
    public Consent toConsent(LocalDate asOfDate) {
        LocalDate withdrawn = null;
        if (withdrawnAt != null) {
            LocalDate at = withdrawnAt.atOffset(ZoneOffset.UTC).toLocalDate();
            withdrawn = at.isAfter(asOfDate) ? asOfDate : at;
        }
        ConsentDraft d = draft;
        return new Consent(asOfDate, d.obtainedAt(), withdrawn, d.steps(), d.channels(), d.preTicked(), d.freelyGiven(), d.informed(),
            d.specific(), d.unambiguous(), d.explicit(), d.express(), d.employmentContext(), id);
    }

    /** Covers the step (and, for outreach, the channel) and was obtained on or before the date. */
    public boolean covers(String step, String channel, LocalDate asOfDate) {
        return !draft.obtainedAt().isAfter(asOfDate) && draft.steps().contains(step)
            && (!"OUTREACH".equals(step) || (channel != null && draft.channels().contains(channel)));
    }

    public ObjectNode toJson() {
        ObjectNode body = draft.toJson();
        ObjectNode out = body.objectNode();
        out.put("id", id);
        out.setAll(body);
        out.put("withdrawnAt", withdrawnAt == null ? null : withdrawnAt.toString());
        out.put("withdrawalRecordedAt", withdrawalRecordedAt == null ? null : withdrawalRecordedAt.toString());
        out.put("recordedAt", recordedAt.toString());
        out.put("recordedBy", recordedBy);
        return out;
    }
}
