package dev.outreachpolicy.engine.conformance;

import dev.outreachpolicy.engine.verdict.TraceEntry;
import dev.outreachpolicy.engine.rules.RuleCatalogue;
import dev.outreachpolicy.engine.rules.RuleInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rule coverage of a fixture run, like {@code opa test --coverage}: which rules some fixture made fire,
 * per file, and for each rule id whether a fixture expects it to fire and another expects it not to
 * (the case where it stops). A rule no fixture fires, or whose id lacks either expectation, is a gap.
 */
public final class Coverage {
    /** One rule: how many fixtures fired it, and how many name its id in fires / notFires. */
    public record RuleCoverage(RuleInfo rule, int fired, int expectedToFire, int expectedNotToFire) {
        public boolean complete() { return fired > 0 && expectedToFire > 0 && expectedNotToFire > 0; }
    }

    private final List<RuleCoverage> rules;

    private Coverage(List<RuleCoverage> rules) { this.rules = rules; }

    public static Coverage of(RuleCatalogue catalogue, List<FixtureResult> results) {
        List<RuleCoverage> out = new ArrayList<>();
        for (RuleInfo r : catalogue.all()) {
            int fired = 0;
            int fires = 0;
            int notFires = 0;
            for (FixtureResult res : results) {
                if (res.evaluation() != null) {
                    for (TraceEntry t : res.evaluation().trace()) {
                        if (r.name().equals(t.name())) {
                            fired++;
                            break;
                        }
                    }
                }
                if (names(res.fixture().expect().fires(), r)) {
                    fires++;
                }
                if (names(res.fixture().expect().notFires(), r)) {
                    notFires++;
                }
            }
            out.add(new RuleCoverage(r, fired, fires, notFires));
        }
        return new Coverage(out);
    }

    private static boolean names(List<String> ids, RuleInfo r) {
        for (String id : ids) {
            if (id.equals(r.name()) || id.equals(r.id())) {
                return true;
            }
            for (String regime : r.regimes()) {
                if (id.equals(r.idFor(regime))) {
                    return true;
                }
            }
        }
        return false;
    }

    public List<RuleCoverage> rules() { return rules; }

    public List<RuleCoverage> gaps() { return rules.stream().filter(r -> !r.complete()).toList(); }

    public long firedCount() { return rules.stream().filter(r -> r.fired() > 0).count(); }

    /** Per file: rules fired of rules, then the gaps with what each lacks. */
    public String report() {
        Map<String, List<RuleCoverage>> byFile = new LinkedHashMap<>();
        for (RuleCoverage r : rules) {
            byFile.computeIfAbsent(r.rule().file(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("Rule coverage (fired by a fixture / rules in file):\n");
        for (Map.Entry<String, List<RuleCoverage>> e : byFile.entrySet()) {
            long fired = e.getValue().stream().filter(r -> r.fired() > 0).count();
            sb.append(String.format("  %-45s %3d/%-3d %5.1f%%%n", e.getKey(), fired, e.getValue().size(),
                100.0 * fired / e.getValue().size()));
        }
        sb.append(String.format("  %-45s %3d/%-3d %5.1f%%%n", "total", firedCount(), rules.size(),
            rules.isEmpty() ? 100.0 : 100.0 * firedCount() / rules.size()));
        for (RuleCoverage r : gaps()) {
            List<String> lacks = new ArrayList<>();
            if (r.fired() == 0) {
                lacks.add("no fixture makes it fire");
            }
            if (r.expectedToFire() == 0) {
                lacks.add("no fixture lists it in fires");
            }
            if (r.expectedNotToFire() == 0) {
                lacks.add("no fixture lists it in notFires (where it stops)");
            }
            sb.append("  gap: ").append(r.rule().file()).append(':').append(r.rule().line()).append(" \"")
                .append(r.rule().name()).append("\": ").append(String.join("; ", lacks)).append('\n');
        }
        return sb.toString();
    }
}
