package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.store.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 201-acknowledged opt-out survives kill -9 of the instance that took it, on the embedded default store; the next
 * start needs no manual cleanup, although the killed instance left its embedded PostgreSQL running on the data folder.
 * While the instance lives, a second process cannot take its data folder over.
 */
class CrashRecoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anAcknowledgedOptOutSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> env = Map.of("POLICY_DATA_DIR", data.toString());
        String email = "crash." + System.nanoTime() + "@acme.co.uk";
        String request = Files.readString(Path.of("src/test/resources/contract-example.json")).replace("jane.doe@acme.co.uk", email);
        long orphanPid;
        ServiceProcess first = ServiceProcess.start(dir.resolve("run1"), env);
        try {
            var optOut = first.post("/v1/suppressions", "{\"email\": \"" + email + "\", \"scope\": \"ALL\"}");
            assertEquals(201, optOut.statusCode(), optOut.body());
            orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid")).get(0).trim());
            java.io.IOException inUse = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> EmbeddedDatabase.start(data, 0), "a second process must not take over a live service's store");
            assertTrue(inUse.getMessage().contains("in use"), inUse.getMessage());
            assertEquals(200, first.get("/q/health/ready").statusCode(), "the live service keeps its database");
        } finally {
            first.killHard();
        }
        assertTrue(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false),
            "kill -9 leaves the embedded PostgreSQL running: the restart must deal with it");
        try (ServiceProcess second = ServiceProcess.start(dir.resolve("run2"), env)) {
            JsonNode d = JSON.readTree(second.post("/v1/decisions", request).body());
            assertEquals("DENY", d.path("outcome").asText(), d.toString());
            assertTrue(d.path("regimes").toString().contains("SUPPRESSION"));
        }
    }
}
