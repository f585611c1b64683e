package dev.outreachpolicy.impact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.engine.assessment.AssessmentVersion;
import dev.outreachpolicy.audit.RecordReader;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.resolution.RegisteredFacts;
import dev.outreachpolicy.engine.facts.Lia;
import dev.outreachpolicy.engine.rules.Ruleset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The impact of a new version of an assessment before legal records it: every recorded decision that named the
 * assessment ({@code basis.liaRef}) is replayed, on the ruleset serving now, as if the draft had been its newest
 * version. Where the draft would have been in force (its {@code assessedAt} on or before the decision's {@code asOf})
 * it replaces the version the decision relied on; elsewhere the decision keeps what it had, so the report shows
 * what the draft changes and nothing else.
 */
public final class AssessmentDraftImpact implements ImpactAnalysis.RecordEdit {
    private final String assessmentId;
    private final Lia draft;

    /** @param nextVersion the number the draft would get */
    public AssessmentDraftImpact(String assessmentId, int nextVersion, AssessmentDraft draft) {
        this.assessmentId = assessmentId;
        this.draft = new AssessmentVersion(assessmentId, nextVersion, draft, Instant.now(), "draft").toLia();
    }

    @Override
    public JsonNode apply(JsonNode complete) {
        if (!assessmentId.equals(RegisteredFacts.liaRef(complete))) {
            return null;
        }
        LocalDate asOf = ResolvedFacts.asOfOfRecord(complete).atOffset(ZoneOffset.UTC).toLocalDate();
        return draft.getAssessedAt().isAfter(asOf) ? complete : RegisteredFacts.withLia(complete, draft);
    }

    /** Replays the records of [from, to) that named the assessment, with the draft, through {@code serving}. */
    public static ImpactReport run(RecordReader records, Ruleset serving, String assessmentId, int nextVersion, AssessmentDraft draft,
                                   Instant from, Instant to) {
        ImpactAnalysis analysis = new ImpactAnalysis(serving, "assessment " + assessmentId + " draft version " + nextVersion, from, to,
            new AssessmentDraftImpact(assessmentId, nextVersion, draft));
        records.window(from, to, analysis::accept);
        return analysis.report();
    }
}
