package dev.outreachpolicy.engine.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The answer to {@code POST /v1/decisions}, field for field as the contract gives it. */
@JsonPropertyOrder({"decisionId", "outcome", "regimes", "reasons", "obligations", "missingFacts", "trace",
    "rulesetVersion", "validUntil", "asOf", "evaluatedAt"})
public record Decision(String decisionId, Outcome outcome, List<String> regimes, List<Reason> reasons,
                       List<Obligation> obligations, List<String> missingFacts, List<TraceEntry> trace,
                       String rulesetVersion, @JsonInclude(JsonInclude.Include.ALWAYS) LocalDate validUntil,
                       Instant asOf, Instant evaluatedAt) {

    public static Decision of(String id, Evaluation e, Instant asOf, Instant evaluatedAt) {
        return new Decision(id, e.outcome(), e.regimes(), e.reasons(), e.obligations(), e.missingFacts(), e.trace(),
            e.rulesetVersion(), e.validUntil(), asOf, evaluatedAt);
    }
}
