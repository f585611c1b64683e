package dev.outreachpolicy.impact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a candidate ruleset would change in recorded decisions, like a plan before an apply: how many decisions were
 * examined, replayed and not replayable (their person was erased), every decision whose outcome, reasons or
 * obligations would change, and counts of the changes per rule and per regime.
 */
public record ImpactReport(String candidate, String candidateVersion, Instant from, Instant to, Instant createdAt,
                           int examined, int replayed, int notReplayable, int failed, List<Change> changes,
                           Map<String, Integer> byRule, Map<String, Integer> byRegime) {

    /** One side of a change: the outcome, the reasons as {@code rule effect}, the obligations as {@code CODE (REGIME)}. */
    public record Side(String outcome, List<String> reasons, List<String> obligations) { }

    /** A decision that would change. */
    public record Change(String decisionId, Instant evaluatedAt, String recordedVersion, Side before, Side after,
                         List<String> reasonsAdded, List<String> reasonsRemoved, List<String> obligationsAdded,
                         List<String> obligationsRemoved) { }
}
