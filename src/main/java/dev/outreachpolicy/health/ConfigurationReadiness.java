package dev.outreachpolicy.health;

import dev.outreachpolicy.store.StoreKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the configuration an instance serves with is complete: the rules folder is there to reload from
 * (a ConfigMap or a git-sync volume that is not mounted yet must keep the pod out of the Service), and the secret of
 * the keyed hashes is set (an external database without {@code POLICY_SUPPRESSION_KEY} already stops the start). Which
 * access mode and store serve is reported; no key or key id is ever shown.
 */
@Readiness
@ApplicationScoped
public class ConfigurationReadiness implements HealthCheck {
    private final Path rulesDir;
    private final StoreKeys keys;
    private final boolean apiKeysSet;
    private final boolean embeddedStore;

    @Inject
    public ConfigurationReadiness(@ConfigProperty(name = "policy.rules-dir", defaultValue = "rules") String rulesDir, StoreKeys keys,
                                  dev.outreachpolicy.api.ApiKeys apiKeys,
                                  @ConfigProperty(name = "policy.store.embedded", defaultValue = "false") boolean embeddedStore) {
        this.rulesDir = Path.of(rulesDir);
        this.keys = keys;
        this.apiKeysSet = apiKeys.configured();
        this.embeddedStore = embeddedStore;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(rulesDir) || !Files.isReadable(rulesDir)) {
            missing.add("the rules folder (POLICY_RULES_DIR) is not a readable folder");
        }
        if (keys.keyId() == null || keys.keyId().isBlank()) {
            missing.add("no key id for the keyed hashes (POLICY_SUPPRESSION_KEY_ID)");
        }
        HealthCheckResponseBuilder b = HealthCheckResponse.named("configuration").status(missing.isEmpty())
            .withData("rulesDir", rulesDir.toString())
            .withData("access", apiKeysSet ? "api-keys" : "loopback-only")
            .withData("store", embeddedStore ? "embedded" : "external");
        if (!missing.isEmpty()) {
            b.withData("missing", String.join("; ", missing));
        }
        return b.build();
    }
}
