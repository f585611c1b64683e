package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Misconfiguration is found at start: before, an external database without POLICY_SUPPRESSION_KEY reported ready and
 * answered every decision with 500. Now the process exits, with the reason, before it is ever ready.
 */
class MisconfigurationIT {
    @TempDir
    Path dir;

    private static void refusesToStart(Path dir, Map<String, String> env, String reason) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ServiceProcess.start(dir, env).close());
        assertTrue(e.getMessage().contains("exited"), "the process must exit, not serve: " + e.getMessage());
        assertTrue(e.getMessage().contains(reason), "the log must give the reason \"" + reason + "\":\n" + e.getMessage());
    }

    @Test
    void anExternalDatabaseWithoutAKeyOrWithAShortOneStopsTheStart() throws Exception {
        try (SharedDatabase db = SharedDatabase.create(dir.resolve("db"))) {
            Map<String, String> env = new HashMap<>(Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.url(), "QUARKUS_DATASOURCE_USERNAME",
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres")));
            refusesToStart(dir.resolve("none"), env, "POLICY_SUPPRESSION_KEY is required");
            env.put("POLICY_SUPPRESSION_KEY", "c2hvcnQ=");
            refusesToStart(dir.resolve("short"), env, "at least 32 bytes");
            env.put("POLICY_SUPPRESSION_KEY", "not base64 at all!");
            refusesToStart(dir.resolve("garbled"), env, "not base64");
        }
    }

    @Test
    void aKeyUnderTwoRolesStopsTheStart() {
        refusesToStart(dir.resolve("dup"), Map.of("POLICY_API_KEYS", "agent:same-key,admin:same-key", "POLICY_DATA_DIR",
            dir.resolve("data").toString()), "listed under two roles");
    }
}
