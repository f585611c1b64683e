package dev.outreachpolicy.rules;

import dev.outreachpolicy.decision.Findings;
import java.util.ArrayList;
import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A stateful session kept between evaluations, with its own {@link Findings} (the global {@code decision}), the
 * policy data it was given (the global {@code policy}) and its {@link FiringListener}: what {@link #reset()} gives
 * back to the session after clearing it.
 */
record PooledSession(KieSession session, Findings findings, PolicyData policy, FiringListener listener) {

    static PooledSession of(KieSession session, Findings findings, PolicyData policy, FiringListener listener) {
        PooledSession s = new PooledSession(session, findings, policy, listener);
        s.wire();
        return s;
    }

    private static final boolean RESET = !"delete".equals(System.getProperty("outreach.session.empty", "reset"));

    /** Empties the session for the next request; false if that failed (the session is then disposed of). */
    boolean empty() {
        try {
            if (RESET && session instanceof StatefulKnowledgeSessionImpl impl) {
                impl.reset();      // clears every node memory, the agenda, the globals and the listeners
                wire();
                return true;
            }
            for (FactHandle h : new ArrayList<FactHandle>(session.getFactHandles())) {
                session.delete(h);
            }
            return session.getFactCount() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void wire() {
        session.setGlobal("decision", findings);
        session.setGlobal("policy", policy);
        session.addEventListener(listener);
    }
}
