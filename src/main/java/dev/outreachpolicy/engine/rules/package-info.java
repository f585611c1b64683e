/**
 * The rules folder: reading it, checking it (metadata, vocabulary, policy settings, the obligation catalogue), compiling
 * it with Drools into a {@link dev.outreachpolicy.engine.rules.Ruleset}, and evaluating on pooled sessions. The rule
 * files see {@link dev.outreachpolicy.engine.rules.Findings} as {@code decision} and
 * {@link dev.outreachpolicy.engine.rules.PolicyData} as {@code policy}.
 */
package dev.outreachpolicy.engine.rules;
