package dev.outreachpolicy.engine.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.facts.Vocabulary;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a legitimate-interest assessment as legal writes it ({@code POST /v1/assessments}, {@code PUT
 * /v1/assessments/{id}}), read as strictly as a decision request: every offending field is named by pointer, and each
 * of the three tests needs its result and a rationale, whatever the result.
 *
 * @param campaigns the campaigns it covers (empty: not limited to campaigns)
 * @param channels the outreach channels it covers (empty: not limited to channels)
 */
public record AssessmentDraft(String title, String purpose, Test purposeTest, Test necessityTest, Test balancingTest,
                              List<String> steps, List<String> channels, List<String> campaigns, LocalDate assessedAt,
                              LocalDate reviewDueAt, String assessedBy) {

    /** One of the three tests: passed or not, and why. */
    public record Test(boolean passed, String rationale) { }

    public static AssessmentDraft parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        Fields root = Fields.root(body, errors);
        String title = root.requiredString("title");
        String purpose = root.requiredString("purpose");
        Test purposeTest = test(root, "purposeTest");
        Test necessityTest = test(root, "necessityTest");
        Test balancingTest = test(root, "balancingTest");
        List<String> steps = root.enumList("steps", Vocabulary.STEPS);
        if (steps == null && !root.has("steps")) {
            root.error("steps", "is required: the steps assessed, from " + String.join(", ", Vocabulary.STEPS));
        } else if (steps != null && steps.isEmpty() && body.path("steps").size() == 0) {
            root.error("steps", "must list at least one step: an assessment of no step covers nothing");
        }
        List<String> channels = root.enumList("channels", Vocabulary.CHANNELS);
        List<String> campaigns = root.stringList("campaigns");
        LocalDate assessedAt = root.date("assessedAt");
        if (assessedAt == null && !root.has("assessedAt")) {
            root.error("assessedAt", "is required: the date the assessment was made");
        }
        LocalDate reviewDueAt = root.date("reviewDueAt");
        if (assessedAt != null && reviewDueAt != null && reviewDueAt.isBefore(assessedAt)) {
            root.error("reviewDueAt", "must not be before assessedAt");
        }
        String assessedBy = root.requiredString("assessedBy");
        root.finish();
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new AssessmentDraft(title, purpose, purposeTest, necessityTest, balancingTest, steps,
            channels == null ? List.of() : channels, campaigns == null ? List.of() : campaigns, assessedAt, reviewDueAt, assessedBy);
    }

    private static Test test(Fields root, String name) {
        Fields t = root.object(name);
        if (t == null) {
            if (!root.has(name)) {
                root.error(name, "is required: {passed, rationale}");
            }
            return null;
        }
        Boolean passed = t.bool("passed");
        if (passed == null && !t.has("passed")) {
            t.error("passed", "is required: true or false");
        }
        String rationale = t.requiredString("rationale");
        t.finish();
        return passed == null || rationale == null ? null : new Test(passed, rationale);
    }

    /** The draft as the register keeps it (and as {@code GET} shows it, with id and version added). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("title", title);
        o.put("purpose", purpose);
        o.set("purposeTest", test(purposeTest));
        o.set("necessityTest", test(necessityTest));
        o.set("balancingTest", test(balancingTest));
        steps.forEach(o.putArray("steps")::add);
        channels.forEach(o.putArray("channels")::add);
        campaigns.forEach(o.putArray("campaigns")::add);
        o.put("assessedAt", assessedAt.toString());
        o.put("reviewDueAt", reviewDueAt == null ? null : reviewDueAt.toString());
        o.put("assessedBy", assessedBy);
        return o;
    }

    private static ObjectNode test(Test t) {
        return JsonNodeFactory.instance.objectNode().put("passed", t.passed()).put("rationale", t.rationale());
    }
}
