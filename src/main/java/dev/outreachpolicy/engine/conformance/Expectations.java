package dev.outreachpolicy.engine.conformance;

import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.verdict.Obligation;
import dev.outreachpolicy.engine.verdict.TraceEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares an evaluation with a fixture's expectations. A rule named in {@code fires}/{@code notFires} is
 * matched against the trace by the id a reason carries ({@code uk-gdpr.art6.lia-required}), by the rule's
 * own id ({@code gdpr.art6.lia-required}) or by its full name with the case.
 */
public final class Expectations {
    private Expectations() { }

    public static List<String> check(Fixture.Expectation x, Evaluation e) {
        List<String> failures = new ArrayList<>();
        if (x.outcome() != null && !x.outcome().equals(e.outcome().name())) {
            failures.add("outcome: expected " + x.outcome() + ", got " + e.outcome() + reasonsSummary(e));
        }
        for (String rule : x.fires()) {
            if (!fired(e, rule)) {
                failures.add("fires: expected " + rule + " to fire; fired: " + firedIds(e));
            }
        }
        for (String rule : x.notFires()) {
            if (fired(e, rule)) {
                failures.add("notFires: expected " + rule + " not to fire, but it did");
            }
        }
        Set<String> codes = new HashSet<>();
        for (Obligation o : e.obligations()) {
            codes.add(o.code());
        }
        for (String code : x.obligations()) {
            if (!codes.contains(code)) {
                failures.add("obligations: expected " + code + "; got " + codes);
            }
        }
        for (String code : x.notObligations()) {
            if (codes.contains(code)) {
                failures.add("notObligations: expected no " + code + ", but it is there");
            }
        }
        if (x.missingFacts() != null && !new HashSet<>(x.missingFacts()).equals(new HashSet<>(e.missingFacts()))) {
            failures.add("missingFacts: expected " + x.missingFacts() + ", got " + e.missingFacts());
        }
        if (x.regimes() != null && !new HashSet<>(x.regimes()).equals(new HashSet<>(e.regimes()))) {
            failures.add("regimes: expected " + x.regimes() + ", got " + e.regimes());
        }
        if (x.validUntil() != null) {
            String got = e.validUntil() == null ? "null" : e.validUntil().toString();
            if (!x.validUntil().equals(got)) {
                failures.add("validUntil: expected " + x.validUntil() + ", got " + got);
            }
        }
        return failures;
    }

    public static boolean fired(Evaluation e, String rule) {
        for (TraceEntry t : e.trace()) {
            if (matches(t, rule)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(TraceEntry t, String rule) {
        if (rule.equals(t.rule()) || rule.equals(t.name())) {
            return true;
        }
        String name = t.name() == null ? "" : t.name();
        int colon = name.indexOf(": ");
        return rule.equals(colon < 0 ? name : name.substring(0, colon));
    }

    private static String firedIds(Evaluation e) {
        List<String> ids = new ArrayList<>();
        for (TraceEntry t : e.trace()) {
            ids.add(t.rule());
        }
        return ids.toString();
    }

    private static String reasonsSummary(Evaluation e) {
        List<String> r = new ArrayList<>();
        e.reasons().forEach(x -> r.add(x.effect() + " " + x.rule()));
        return " (reasons: " + r + ", missingFacts: " + e.missingFacts() + ")";
    }
}
