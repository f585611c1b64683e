package dev.outreachpolicy.api;

import dev.outreachpolicy.TestFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Production mode (API keys set) serving a copy of the rules folder that tests edit and reload, with no watcher. The
 * copy is made once per JVM at a fixed path (Quarkus loads this class through more than one class loader).
 */
public class EditableRulesKeysProfile implements QuarkusTestProfile {
    static final Path RULES = copyOfRules();

    private static Path copyOfRules() {
        try {
            Path target = Path.of("target/editable-rules-keys/rules").toAbsolutePath();
            if (System.getProperty("policy.editable-rules-keys.copied") != null) {
                return target;
            }
            System.setProperty("policy.editable-rules-keys.copied", "true");
            TestFolders.deleteTree(target);
            TestFolders.copyTree(Path.of("rules"), target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new KeysProfile().getConfigOverrides());
        config.put("policy.rules-dir", RULES.toString());
        config.put("policy.rules.watch", "false");
        return config;
    }
}
