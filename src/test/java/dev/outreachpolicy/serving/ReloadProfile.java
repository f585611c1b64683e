package dev.outreachpolicy.serving;

import dev.outreachpolicy.TestFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * A service serving a copy of the rules folder, with the watcher on, so tests can break and repair rules. The copy
 * sits at a fixed path, copied afresh once per JVM, because Quarkus loads this class more than once (the test and
 * the application see it through different class loaders).
 */
public class ReloadProfile implements QuarkusTestProfile {
    static final Path RULES = TestFolders.rulesCopy("reload-test", copy -> { });

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("policy.rules-dir", RULES.toString(), "policy.rules.watch", "true");
    }
}
