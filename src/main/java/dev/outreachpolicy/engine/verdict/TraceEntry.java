package dev.outreachpolicy.engine.verdict;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rule that fired: its id (for the regime it fired for), the file that holds it, its place in the firing
 * order, the regime and, for a rule written as cases, the case. {@code name} is the DRL rule's
 * full name: the rule as written (a GDPR rule serving both regimes is {@code gdpr.…}), with its case.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TraceEntry(String rule, String file, int order, String regime, String ruleCase, String name) { }
