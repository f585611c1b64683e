package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.util.List;

/** The {@code assessment} and {@code draft} of an impact request: both or neither, never beside a {@code candidate}. */
final class AssessmentDraftInput {
    private AssessmentDraftInput() { }

    /** The draft to try, or null for a rules change; problems are added to {@code errors} with their pointers. */
    static AssessmentDraft read(String assessment, String candidate, JsonNode draftBody, List<FieldError> errors) {
        if (assessment == null && draftBody == null) {
            return null;
        }
        if (candidate != null) {
            errors.add(new FieldError("/assessment", "give either a candidate ruleset or an assessment with its draft, not both"));
            return null;
        }
        if (assessment == null) {
            errors.add(new FieldError("/assessment", "is required with draft: the id of the assessment (asm_…)"));
            return null;
        }
        if (draftBody == null || !draftBody.isObject()) {
            errors.add(new FieldError("/draft", "is required with assessment: the new version, as PUT /v1/assessments/{id} takes it"));
            return null;
        }
        try {
            return AssessmentDraft.parse(draftBody);
        } catch (InvalidInputException e) {
            e.errors().forEach(x -> errors.add(new FieldError("/draft" + x.pointer(), x.message())));
            return null;
        }
    }
}
