package dev.outreachpolicy.api;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** A service with API keys configured: one key per role. */
public class KeysProfile implements QuarkusTestProfile {
    static final String AGENT = "agent-key-7f3a";
    static final String LEGAL = "legal-key-91c2";
    static final String ADMIN = "admin-key-0d5e";
    /** A second agent: records are read back only by the agent that asked. */
    static final String OTHER_AGENT = "agent-key-2b1c";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("policy.api-keys", "agent:" + AGENT + ", legal:" + LEGAL + ", admin:" + ADMIN + ", agent:" + OTHER_AGENT);
    }
}
