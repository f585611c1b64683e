package dev.outreachpolicy.health;

import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.engine.rules.Ruleset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a compiled ruleset serves: an instance whose rules are not compiled must get no traffic. The
 * database's readiness is the datasource's own check ({@code quarkus.datasource.health.enabled}, on by default).
 */
@Readiness
@ApplicationScoped
public class RulesetReadiness implements HealthCheck {
    private final ActiveRuleset rules;

    @Inject
    public RulesetReadiness(ActiveRuleset rules) { this.rules = rules; }

    @Override
    public HealthCheckResponse call() {
        Ruleset serving = rules.get();
        if (serving == null) {
            return HealthCheckResponse.named("ruleset").down().withData("reason", "no compiled ruleset serves").build();
        }
        return HealthCheckResponse.named("ruleset").up().withData("version", serving.version())
            .withData("rules", serving.catalogue().size()).build();
    }
}
