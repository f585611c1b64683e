package dev.outreachpolicy.engine.verdict;

/** Why: the rule (its id for the regime that applied), the regime, the provision, the effect and a sentence to act on. */
public record Reason(String rule, String regime, String citation, Effect effect, String message) { }
