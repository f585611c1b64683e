package dev.outreachpolicy.engine.assessment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.facts.Lia;
import java.time.Instant;

/** A version of a registered assessment: never changed once recorded. */
public record AssessmentVersion(String id, int version, AssessmentDraft draft, Instant recordedAt, String recordedBy) {

    /**
     * The version as the rules read it (contract v1.1): each test's {@code passed}, {@code assessedAt}, {@code steps}, and
     * the campaigns, channels and review date that only a registered assessment carries.
     */
    public Lia toLia() {
        AssessmentDraft d = draft;
        return new Lia(d.purposeTest().passed(), d.necessityTest().passed(), d.balancingTest().passed(), d.assessedAt(), d.steps(),
            id, version, d.campaigns(), d.channels(), d.reviewDueAt());
    }

    public ObjectNode toJson() {
        ObjectNode o = draft.toJson();
        ObjectNode out = o.objectNode();
        out.put("id", id);
        out.put("version", version);
        out.setAll(o);
        out.put("recordedAt", recordedAt == null ? null : recordedAt.toString());
        out.put("recordedBy", recordedBy);
        return out;
    }
}
