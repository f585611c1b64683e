package dev.outreachpolicy.serving;

import dev.outreachpolicy.TestFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A service serving a copy of the rules folder, with the watcher on, so tests can break and repair rules. The copy
 * sits at a fixed path, copied afresh once per JVM, because Quarkus loads this class more than once (the test and
 * the application see it through different class loaders).
 */
public class ReloadProfile implements QuarkusTestProfile {
    static final Path RULES = copyOfRules();

    private static Path copyOfRules() {
        try {
            Path target = Path.of("target/reload-test/rules").toAbsolutePath();
            if (System.getProperty("policy.reload-test.copied") != null) {
                return target;
            }
            System.setProperty("policy.reload-test.copied", "true");
            TestFolders.deleteTree(target);
            TestFolders.copyTree(Path.of("rules"), target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("policy.rules-dir", RULES.toString(), "policy.rules.watch", "true");
    }
}
