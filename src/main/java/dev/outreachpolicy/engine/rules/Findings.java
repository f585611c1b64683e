package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.verdict.Effect;
import dev.outreachpolicy.engine.verdict.Obligation;
import dev.outreachpolicy.engine.verdict.Reason;
import dev.outreachpolicy.engine.verdict.TraceEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the rules find while they fire: the global {@code decision} of every rule file.
 *
 * <p>A rule's consequence says what it found in words a legal reader follows:
 * {@code decision.deny("...").missing("/basis/lia")}, {@code decision.review("...")},
 * {@code decision.permit("...")}, {@code decision.info("...")}, {@code decision.oblige("CODE")}
 * (with a due date where there is one; the wording comes from the obligation catalogue) and {@code decision.validUntil(date)}. The rule's id, regime and
 * citation are added from its metadata; nobody writes them twice.
 *
 * <p>One instance belongs to one pooled session and is used by one evaluation at a time.
 */
public final class Findings {
    private final List<Reason> reasons = new ArrayList<>();
    private final Map<String, Obligation> obligations = new LinkedHashMap<>();
    private final Set<String> missingFacts = new LinkedHashSet<>();
    private final Set<String> regimes = new LinkedHashSet<>();
    private final List<TraceEntry> trace = new ArrayList<>();
    private final ObligationCatalogue catalogue;
    private LocalDate validUntil;
    private LocalDate asOfDate;
    private RuleInfo rule;
    private String regime;

    /** @param catalogue the wordings of the duties a rule attaches by code */
    public Findings(ObligationCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Clears everything before an evaluation. */
    public void begin(LocalDate asOfDate) {
        reasons.clear();
        obligations.clear();
        missingFacts.clear();
        regimes.clear();
        trace.clear();
        validUntil = null;
        this.asOfDate = asOfDate;
        rule = null;
        regime = null;
    }

    public LocalDate asOfDate() { return asOfDate; }

    /** Called as a rule starts to fire, with the regime its match applies. */
    public void enter(RuleInfo firing, String regimeOfMatch) {
        this.rule = firing;
        this.regime = regimeOfMatch != null ? regimeOfMatch : firing.defaultRegime();
    }

    /** Called when the rule has fired: it joins the trace. */
    public void leave() {
        if (rule != null) {
            trace.add(new TraceEntry(rule.idFor(regime), rule.file(), trace.size() + 1, regime, rule.caseTitle(), rule.name()));
        }
        rule = null;
        regime = null;
    }

    public Findings deny(String message) { return reason(Effect.DENY, message); }

    public Findings review(String message) { return reason(Effect.REVIEW, message); }

    public Findings permit(String message) { return reason(Effect.PERMIT, message); }

    public Findings info(String message) { return reason(Effect.INFO, message); }

    /** A reason whose effect is a policy setting (the NOT_COVERED outcome). */
    public Findings verdict(String effect, String message) { return reason(Effect.valueOf(effect.trim()), message); }

    private Findings reason(Effect effect, String message) {
        requireRule();
        Reason r = new Reason(rule.idFor(regime), regime, rule.citationFor(regime), effect, message);
        if (!reasons.contains(r)) {
            reasons.add(r);
        }
        if (regime != null) {
            regimes.add(regime);
        }
        return this;
    }

    /** A fact the verdict needed and the request lacked, as a JSON pointer ({@code /prospect/tps}). */
    public Findings missing(String pointer) {
        missingFacts.add(pointer);
        return this;
    }

    /** Names the pointer as missing when the fact is absent: {@code decision.missingIfAbsent($lia.getPurposeTest(), "/basis/lia/purposeTest")}. */
    public Findings missingIfAbsent(Object fact, String pointer) {
        if (fact == null) {
            missingFacts.add(pointer);
        }
        return this;
    }

    /** Names the pointer as missing when the condition holds: {@code .missingIf($c.getSteps().isEmpty(), "/basis/consent/steps")}. */
    public Findings missingIf(boolean condition, String pointer) {
        if (condition) {
            missingFacts.add(pointer);
        }
        return this;
    }

    /** Attaches a duty by its code; its wording comes from the obligation catalogue of the policy data. */
    public Findings oblige(String code) { return oblige(code, (LocalDate) null); }

    /** Attaches a duty that falls due on a day (the earliest due date wins when two rules attach the same duty). */
    public Findings oblige(String code, LocalDate dueAt) {
        requireRule();
        String key = code + "|" + regime;
        Obligation existing = obligations.get(key);
        if (existing == null || (dueAt != null && (existing.dueAt() == null || dueAt.isBefore(existing.dueAt())))) {
            obligations.put(key, new Obligation(code, regime, rule.citationFor(regime), catalogue.wording(code, regime, asOfDate, dueAt), dueAt));
        }
        if (regime != null) {
            regimes.add(regime);
        }
        return this;
    }

    /** The answer stops holding by itself on this date (a screening or an implied consent expires); the earliest wins. */
    public Findings validUntil(LocalDate date) {
        if (date != null && (validUntil == null || date.isBefore(validUntil))) {
            validUntil = date;
        }
        return this;
    }

    private void requireRule() {
        if (rule == null) {
            throw new IllegalStateException("decision.* may only be called from a rule's consequence");
        }
    }

    public List<Reason> reasons() { return List.copyOf(reasons); }

    public List<Obligation> obligations() { return List.copyOf(obligations.values()); }

    public List<String> missingFacts() { return List.copyOf(missingFacts); }

    public Set<String> regimes() { return Set.copyOf(regimes); }

    public List<TraceEntry> trace() { return List.copyOf(trace); }

    public LocalDate validUntil() { return validUntil; }
}
