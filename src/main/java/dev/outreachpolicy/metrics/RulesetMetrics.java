package dev.outreachpolicy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The ruleset as Prometheus sees it: {@code policy_ruleset_info{version="sha256:…"} 1} names the version that serves
 * (one series at a time: the old one is dropped when a new version is swapped in), and
 * {@code policy_ruleset_reloads_total{result}} counts reloads by result: {@code ok} (a new version serves),
 * {@code unchanged} (the files give the same version) and {@code failed} (the rules do not compile; the old ruleset
 * keeps serving). {@code policy_rulesets_in_memory} counts the compiled rulesets not yet released: the one serving,
 * and replaced ones an evaluation still runs on (each is released when its last evaluation is over).
 */
@ApplicationScoped
public class RulesetMetrics {
    public static final String OK = "ok";
    public static final String UNCHANGED = "unchanged";
    public static final String FAILED = "failed";
    private final MeterRegistry registry;
    private final MultiGauge info;

    @Inject
    public RulesetMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.info = MultiGauge.builder("policy.ruleset.info").description("The ruleset version serving (value 1)").register(registry);
        for (String result : List.of(OK, UNCHANGED, FAILED)) {
            reloads(result);
        }
    }

    /** A new ruleset serves. */
    public void serving(String version) {
        info.register(List.of(MultiGauge.Row.of(Tags.of("version", version), 1)), true);
    }

    /** The count of compiled rulesets not yet released, read at each scrape. */
    public void inMemory(java.util.function.Supplier<Number> count) {
        io.micrometer.core.instrument.Gauge.builder("policy.rulesets.in.memory", count)
            .description("Compiled rulesets not yet released: the one serving and replaced ones still evaluating").register(registry);
    }

    public void reloaded(String result) { reloads(result).increment(); }

    private Counter reloads(String result) {
        return Counter.builder("policy.ruleset.reloads").description("Ruleset reloads, by result").tag("result", result).register(registry);
    }
}
