package dev.outreachpolicy.engine.rules;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Stateful sessions kept for reuse: a new session costs about twice an evaluation, so each thread borrows
 * one, evaluates, empties it and gives it back. The session given back last is lent first (a stack, not a queue): its
 * node memories are still in the CPU's caches, where a queue would lend each session in turn and every evaluation
 * would start on memory gone cold. At most {@code idleLimit} idle sessions are kept; a burst
 * beyond that creates sessions that are disposed of on return. A session whose evaluation failed is never
 * returned. {@link #close()} disposes of every idle session when the ruleset is replaced.
 */
final class SessionPool implements AutoCloseable {
    private final KieBase kieBase;
    private final RuleCatalogue catalogue;
    private final PolicyData policy;
    private final int idleLimit;
    private final ConcurrentLinkedDeque<PooledSession> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    SessionPool(KieBase kieBase, RuleCatalogue catalogue, PolicyData policy, int idleLimit) {
        this.kieBase = kieBase;
        this.catalogue = catalogue;
        this.policy = policy;
        this.idleLimit = idleLimit;
    }

    RuleCatalogue catalogue() { return catalogue; }

    PooledSession borrow() {
        PooledSession s = idle.pollFirst();
        if (s != null) {
            idleCount.decrementAndGet();
            return s;
        }
        return create(policy);
    }

    /** A session outside the pool, for a fixture that overrides policy settings. */
    PooledSession create(PolicyData withPolicy) {
        KieSession session = kieBase.newKieSession();
        Findings findings = new Findings(withPolicy.obligations());
        return PooledSession.of(session, findings, withPolicy, new FiringListener(catalogue, findings));
    }

    void giveBack(PooledSession s) {
        if (!closed && idleCount.incrementAndGet() <= idleLimit) {
            idle.offerFirst(s);
            if (closed && idle.remove(s)) {
                s.session().dispose();
            }
        } else {
            idleCount.decrementAndGet();
            s.session().dispose();
        }
    }

    @Override
    public void close() {
        closed = true;
        PooledSession s;
        while ((s = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            s.session().dispose();
        }
    }
}
