package dev.outreachpolicy.engine.rules;

import java.util.ArrayList;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A stateful session kept between evaluations, with its own {@link Findings} (the global {@code decision}).
 *
 * <p>It is emptied by deleting its facts one by one. Drools' {@code StatefulKnowledgeSessionImpl.reset()} (what its
 * own session pool uses) was measured as no faster for this ruleset: it resets every node memory of the session,
 * which costs what the deletes cost (bench/RESULTS.md).
 */
record PooledSession(KieSession session, Findings findings) {

    static PooledSession of(KieSession session, Findings findings, PolicyData policy, FiringListener listener) {
        session.setGlobal("decision", findings);
        session.setGlobal("policy", policy);
        session.addEventListener(listener);
        return new PooledSession(session, findings);
    }

    /** Removes every fact so the session can serve the next request; false if that failed. */
    boolean empty() {
        try {
            for (FactHandle h : new ArrayList<FactHandle>(session.getFactHandles())) {
                session.delete(h);
            }
            return session.getFactCount() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
