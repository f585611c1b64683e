package dev.outreachpolicy.api;

import dev.outreachpolicy.TestFolders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Production mode (API keys set) serving a copy of the rules folder that tests edit and reload, with no watcher. */
public class EditableRulesKeysProfile implements QuarkusTestProfile {
    static final Path RULES = TestFolders.rulesCopy("editable-rules-keys", copy -> { });

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(new KeysProfile().getConfigOverrides());
        config.put("policy.rules-dir", RULES.toString());
        config.put("policy.rules.watch", "false");
        return config;
    }
}
