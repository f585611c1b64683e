package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.verdict.Outcome;
import dev.outreachpolicy.engine.facts.AsOf;
import dev.outreachpolicy.engine.facts.InScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

/**
 * A compiled, immutable ruleset: the rule files and policy data of one version, ready to evaluate from any
 * number of threads. Rules fire only while in force on the UTC date of the request's {@code asOf}
 * (their {@code @validFrom}/{@code @validTo}); the session clock is never consulted.
 */
public final class Ruleset implements AutoCloseable {
    private final RuleSource source;
    private final RuleCatalogue catalogue;
    private final PolicyData policy;
    private final KieContainer container;
    private final SessionPool pool;
    private final RegimePartitions partitions;
    private final Instant loadedAt;

    Ruleset(RuleSource source, RuleCatalogue catalogue, PolicyData policy, KieContainer container, int idleSessions) {
        this.source = source;
        this.catalogue = catalogue;
        this.policy = policy;
        this.container = container;
        this.pool = new SessionPool(container.getKieBase(), catalogue, policy, idleSessions);
        this.partitions = new RegimePartitions(container, catalogue, policy, idleSessions);
        this.loadedAt = Instant.now();
    }

    /** Runs the rules over the facts of one request. */
    public Evaluation evaluate(AsOf asOf, Collection<?> facts) {
        return evaluate(asOf, facts, Map.of());
    }

    /**
     * Runs the rules with some policy settings overridden (a fixture trying another window). Without overrides the
     * request is first tried on the smaller network of the regimes requests like it had ({@link RegimePartitions}),
     * and kept only if the regimes found in scope are all among them.
     */
    public Evaluation evaluate(AsOf asOf, Collection<?> facts, Map<String, String> policyOverrides) {
        boolean pooled = policyOverrides == null || policyOverrides.isEmpty();
        if (!pooled) {
            return once(pool, pool.create(policy.with(policyOverrides)), false, asOf, facts).evaluation();
        }
        if (RegimePartitions.ENABLED) {
            RegimePartitions.Partition p = partitions.guess(asOf, facts);
            if (p != null) {
                Run r = once(p.pool(), p.pool().borrow(), true, asOf, facts);
                if (p.regimes().containsAll(r.inScope())) {
                    return r.evaluation();
                }
            }
        }
        Run r = once(pool, pool.borrow(), true, asOf, facts);
        if (RegimePartitions.ENABLED) {
            partitions.learn(asOf, facts, r.inScope());
        }
        return r.evaluation();
    }

    /** What one run found, and the regimes the scope rules brought in. */
    record Run(Evaluation evaluation, List<String> inScope) { }

    private Run once(SessionPool from, PooledSession s, boolean pooled, AsOf asOf, Collection<?> facts) {
        boolean clean = false;
        try {
            Run r = run(s, from.catalogue(), asOf, facts);
            clean = true;
            return r;
        } finally {
            if (pooled && clean && s.empty()) {
                from.giveBack(s);
            } else {
                s.session().dispose();
            }
        }
    }

    /** Runs the rules on a session made for this call alone and then disposed of (benchmarks compare it with the pool). */
    public Evaluation evaluateOnNewSession(AsOf asOf, Collection<?> facts) {
        PooledSession s = pool.create(policy);
        try {
            return run(s, catalogue, asOf, facts).evaluation();
        } finally {
            s.session().dispose();
        }
    }

    private Run run(PooledSession s, RuleCatalogue catalogue, AsOf asOf, Collection<?> facts) {
        KieSession session = s.session();
        Findings findings = s.findings();
        findings.begin(asOf.getDate());
        for (Object fact : facts) {
            session.insert(fact);
        }
        session.fireAllRules(match -> {
            RuleInfo info = catalogue.of(match.getRule());
            return info != null && info.inForce(asOf.getDate());
        });
        List<String> inScope = new ArrayList<>();
        for (Object o : session.getObjects(o -> o instanceof InScope)) {
            inScope.add(((InScope) o).getRegime());
        }
        Set<String> applied = new java.util.HashSet<>(inScope);
        applied.addAll(findings.regimes());
        List<String> ordered = new ArrayList<>();
        for (String code : policy.regimes()) {
            if (applied.remove(code)) {
                ordered.add(code);
            }
        }
        ordered.addAll(applied.stream().sorted().toList());
        return new Run(new Evaluation(Outcome.of(findings.reasons()), ordered, findings.reasons(), findings.obligations(),
            findings.missingFacts(), findings.trace(), findings.validUntil(), source.version()), inScope);
    }

    public String version() { return source.version(); }

    public RuleSource source() { return source; }

    public RuleCatalogue catalogue() { return catalogue; }

    public PolicyData policy() { return policy; }

    public Instant loadedAt() { return loadedAt; }

    /** The partitions of this ruleset, used when switched on (tests compare their answers with the whole ruleset's). */
    RegimePartitions partitions() { return partitions; }

    /** One pooled run on the whole ruleset (tests). */
    Run runWhole(AsOf asOf, Collection<?> facts) { return once(pool, pool.borrow(), true, asOf, facts); }

    /** One pooled run on a partition (tests). */
    Run runOn(RegimePartitions.Partition p, AsOf asOf, Collection<?> facts) {
        return once(p.pool(), p.pool().borrow(), true, asOf, facts);
    }

    /** Releases the compiled rules; evaluations already running finish on sessions they hold. */
    @Override
    public void close() {
        partitions.close();
        pool.close();
        container.dispose();
    }
}
