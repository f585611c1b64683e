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
    private final Instant loadedAt;

    Ruleset(RuleSource source, RuleCatalogue catalogue, PolicyData policy, KieContainer container, int idleSessions) {
        this.source = source;
        this.catalogue = catalogue;
        this.policy = policy;
        this.container = container;
        this.pool = new SessionPool(container.getKieBase(), catalogue, policy, idleSessions);
        this.loadedAt = Instant.now();
    }

    /** Runs the rules over the facts of one request. */
    public Evaluation evaluate(AsOf asOf, Collection<?> facts) {
        return evaluate(asOf, facts, Map.of());
    }

    /** Runs the rules with some policy settings overridden (a fixture trying another window). */
    public Evaluation evaluate(AsOf asOf, Collection<?> facts, Map<String, String> policyOverrides) {
        boolean pooled = policyOverrides == null || policyOverrides.isEmpty();
        PooledSession s = pooled ? pool.borrow() : pool.create(policy.with(policyOverrides));
        boolean clean = false;
        try {
            Evaluation e = run(s, asOf, facts);
            clean = true;
            return e;
        } finally {
            if (pooled && clean && s.empty()) {
                pool.giveBack(s);
            } else {
                s.session().dispose();
            }
        }
    }

    /** Runs the rules on a session made for this call alone and then disposed of (benchmarks compare it with the pool). */
    public Evaluation evaluateOnNewSession(AsOf asOf, Collection<?> facts) {
        PooledSession s = pool.create(policy);
        try {
            return run(s, asOf, facts);
        } finally {
            s.session().dispose();
        }
    }

    private Evaluation run(PooledSession s, AsOf asOf, Collection<?> facts) {
        KieSession session = s.session();
        Findings findings = s.findings();
        findings.begin(asOf.getDate());
        session.insert(asOf);
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
        return new Evaluation(Outcome.of(findings.reasons()), ordered, findings.reasons(), findings.obligations(),
            findings.missingFacts(), findings.trace(), findings.validUntil(), source.version());
    }

    public String version() { return source.version(); }

    public RuleSource source() { return source; }

    public RuleCatalogue catalogue() { return catalogue; }

    public PolicyData policy() { return policy; }

    public Instant loadedAt() { return loadedAt; }

    /** Releases the compiled rules; evaluations already running finish on sessions they hold. */
    @Override
    public void close() {
        pool.close();
        container.dispose();
    }
}
