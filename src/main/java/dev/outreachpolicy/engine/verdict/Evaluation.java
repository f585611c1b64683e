package dev.outreachpolicy.engine.verdict;

import java.time.LocalDate;
import java.util.List;

/** What one run of the rules found, with the ruleset version that found it. */
public record Evaluation(Outcome outcome, List<String> regimes, List<Reason> reasons, List<Obligation> obligations,
                         List<String> missingFacts, List<TraceEntry> trace, LocalDate validUntil, String rulesetVersion) { }
