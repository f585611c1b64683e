package dev.outreachpolicy.metrics;

import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.engine.verdict.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Counts recorded decisions for Prometheus ({@code /q/metrics}):
 * <ul>
 *   <li>{@code policy_decisions_total{outcome, step}}: one per recorded decision;</li>
 *   <li>{@code policy_decision_regimes_total{regime, outcome}}: one per regime in scope of a recorded decision (a decision
 *       under UK GDPR and PECR counts once for each), so a dashboard can show which law denies most.</li>
 * </ul>
 * Tags take values from closed lists only (outcomes, steps, regime codes): no identifier ever becomes a label.
 */
@ApplicationScoped
public class DecisionMetrics {
    private final MeterRegistry registry;

    @Inject
    public DecisionMetrics(MeterRegistry registry) { this.registry = registry; }

    /** Call once the decisions are recorded (the answer is about to leave). */
    public void recorded(List<DecisionRecords.Entry> entries) {
        for (DecisionRecords.Entry e : entries) {
            Decision d = e.decision();
            String outcome = d.outcome().name();
            Counter.builder("policy.decisions").description("Decisions recorded, by outcome and processing step")
                .tag("outcome", outcome).tag("step", e.request().processing().getStep()).register(registry).increment();
            for (String regime : d.regimes()) {
                Counter.builder("policy.decision.regimes").description("Recorded decisions per regime in scope, by outcome")
                    .tag("regime", regime).tag("outcome", outcome).register(registry).increment();
            }
        }
    }
}
