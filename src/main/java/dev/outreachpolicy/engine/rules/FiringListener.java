package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.facts.InScope;
import org.kie.api.definition.rule.Rule;
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
        Rule rule = event.getMatch().getRule();
        String regime = null;
        for (Object o : event.getMatch().getObjects()) {
            if (o instanceof InScope scope) {
                regime = scope.getRegime();
                break;
            }
        }
        findings.enter(catalogue.get(rule.getPackageName(), rule.getName()), regime);
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        findings.leave();
    }
}
