package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.facts.InScope;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.reteoo.TupleImpl;
import org.drools.core.rule.consequence.InternalMatch;
import org.kie.api.runtime.rule.Match;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;

/**
 * Tells the session's {@link Findings} which rule is firing, and for which regime: the regime of the
 * {@link InScope} fact in the rule's match, else the rule's own. After the firing the rule joins the trace.
 */
final class FiringListener extends DefaultAgendaEventListener {
    private final RuleCatalogue catalogue;
    private final Findings findings;

    FiringListener(RuleCatalogue catalogue, Findings findings) {
        this.catalogue = catalogue;
        this.findings = findings;
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        Match match = event.getMatch();
        findings.enter(catalogue.of(match.getRule()), regimeOf(match));
    }

    /** The regime of the first InScope fact of the match, walking its tuple (no list of the match's objects is made). */
    static String regimeOf(Match match) {
        if (!(match instanceof InternalMatch internal)) {
            for (Object o : match.getObjects()) {
                if (o instanceof InScope scope) {
                    return scope.getRegime();
                }
            }
            return null;
        }
        String regime = null;
        for (TupleImpl t = internal.getTuple(); t != null; t = t.getParent()) {   // from the last pattern to the first
            InternalFactHandle h = t.getFactHandle();
            if (h != null && h.getObject() instanceof InScope scope) {
                regime = scope.getRegime();
            }
        }
        return regime;
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        findings.leave();
    }
}
