/**
 * The answer. {@link dev.outreachpolicy.engine.verdict.Evaluation} is what one run of the rules found (outcome, reasons,
 * obligations, missing facts, trace); {@link dev.outreachpolicy.engine.verdict.Decision} is that evaluation answered to a
 * caller, with its id, asOf and evaluatedAt; {@link dev.outreachpolicy.engine.verdict.Outcome} is PERMIT, REVIEW or DENY.
 * While the rules fire, they fill {@link dev.outreachpolicy.engine.rules.Findings}.
 */
package dev.outreachpolicy.engine.verdict;
