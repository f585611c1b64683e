package dev.outreachpolicy.impact;

import dev.outreachpolicy.audit.StoredDecision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.verdict.Obligation;
import dev.outreachpolicy.engine.verdict.Reason;
import dev.outreachpolicy.engine.rules.Ruleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays recorded decisions, on the facts as they were resolved at decision time, through a candidate ruleset and
 * collects every decision that would change. A record whose person was erased cannot be replayed and is counted.
 */
public final class ImpactAnalysis {
    private static final Evaluator REPLAY = Evaluator.withEmptyLookups();
    private final Ruleset candidate;
    private final String candidateName;
    private final Instant from;
    private final Instant to;
    private final List<ImpactReport.Change> changes = new ArrayList<>();
    private final Map<String, Integer> byRule = new TreeMap<>();
    private final Map<String, Integer> byRegime = new TreeMap<>();
    private int examined;
    private int replayed;
    private int notReplayable;
    private int failed;

    private final RecordEdit edit;

    /**
     * What a change does to a recorded decision's facts before the replay: the identity for a rules change; a new
     * version of an assessment puts itself in where it would have been in force ({@link AssessmentDraftImpact}).
     */
    public interface RecordEdit {
        /** The facts to replay, or null when the change does not concern this decision (it is not examined). */
        JsonNode apply(JsonNode complete);
    }

    public ImpactAnalysis(Ruleset candidate, String candidateName, Instant from, Instant to) {
        this(candidate, candidateName, from, to, complete -> complete);
    }

    public ImpactAnalysis(Ruleset candidate, String candidateName, Instant from, Instant to, RecordEdit edit) {
        this.candidate = candidate;
        this.candidateName = candidateName;
        this.from = from;
        this.to = to;
        this.edit = edit;
    }

    public void accept(StoredDecision d) {
        if (d.facts().isEmpty()) {
            examined++;
            notReplayable++;
            return;
        }
        JsonNode facts = edit.apply(d.facts().get());
        if (facts == null) {
            return;
        }
        examined++;
        Evaluation now;
        try {
            // A replay looks nothing up: the facts are put back as they were resolved when the decision was made.
            now = REPLAY.evaluate(ResolvedFacts.fromRecord(facts), candidate);
        } catch (RuntimeException e) {
            failed++;
            return;
        }
        replayed++;
        ImpactReport.Side before = side(d.answer());
        ImpactReport.Side after = side(now);
        if (before.equals(after)) {
            return;
        }
        List<String> reasonsAdded = minus(after.reasons(), before.reasons());
        List<String> reasonsRemoved = minus(before.reasons(), after.reasons());
        List<String> obligationsAdded = minus(after.obligations(), before.obligations());
        List<String> obligationsRemoved = minus(before.obligations(), after.obligations());
        changes.add(new ImpactReport.Change(d.id(), d.evaluatedAt(), d.rulesetVersion(), before, after, reasonsAdded, reasonsRemoved,
            obligationsAdded, obligationsRemoved));
        Set<String> rules = new LinkedHashSet<>();
        Set<String> regimes = new LinkedHashSet<>();
        for (String r : concat(reasonsAdded, reasonsRemoved)) {
            rules.add(r.substring(0, r.indexOf(' ')));
        }
        collectRegimes(d.answer(), now, rules, regimes);
        for (String o : concat(obligationsAdded, obligationsRemoved)) {
            regimes.add(o.substring(o.indexOf('(') + 1, o.length() - 1));
        }
        rules.forEach(r -> byRule.merge(r, 1, Integer::sum));
        regimes.forEach(r -> byRegime.merge(r, 1, Integer::sum));
    }

    public ImpactReport report() {
        return new ImpactReport(candidateName, candidate.version(), from, to, Instant.now(), examined, replayed, notReplayable, failed,
            List.copyOf(changes), Map.copyOf(byRule), Map.copyOf(byRegime));
    }

    private static void collectRegimes(JsonNode answer, Evaluation now, Set<String> rules, Set<String> regimes) {
        for (JsonNode r : answer.path("reasons")) {
            if (rules.contains(r.path("rule").asText())) {
                regimes.add(r.path("regime").asText());
            }
        }
        for (Reason r : now.reasons()) {
            if (rules.contains(r.rule())) {
                regimes.add(r.regime());
            }
        }
    }

    static ImpactReport.Side side(JsonNode answer) {
        List<String> reasons = new ArrayList<>();
        answer.path("reasons").forEach(r -> reasons.add(r.path("rule").asText() + " " + r.path("effect").asText()));
        List<String> obligations = new ArrayList<>();
        answer.path("obligations").forEach(o -> obligations.add(o.path("code").asText() + " (" + o.path("regime").asText() + ")"));
        return new ImpactReport.Side(answer.path("outcome").asText(), sorted(reasons), sorted(obligations));
    }

    static ImpactReport.Side side(Evaluation e) {
        List<String> reasons = new ArrayList<>();
        for (Reason r : e.reasons()) {
            reasons.add(r.rule() + " " + r.effect());
        }
        List<String> obligations = new ArrayList<>();
        for (Obligation o : e.obligations()) {
            obligations.add(o.code() + " (" + o.regime() + ")");
        }
        return new ImpactReport.Side(e.outcome().name(), sorted(reasons), sorted(obligations));
    }

    private static List<String> sorted(List<String> l) {
        return new ArrayList<>(new java.util.TreeSet<>(l));
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
