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

    /**
     * Under load (decisions and opt-outs from many clients, the decisions' records group-committed), kill -9 of the
     * service: after the restart, every decision that was answered 200 is in the store, and every opt-out answered
     * 201 still blocks.
     */
    @Test
    void underLoadEveryAnsweredDecisionAndEveryAcknowledgedOptOutSurvivesKillDashNine() throws Exception {
        Path data = dir.resolve("load-data");
        Map<String, String> env = Map.of("POLICY_DATA_DIR", data.toString());
        String example = Files.readString(Path.of("src/test/resources/contract-example.json"));
        java.util.Set<String> answered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> optedOut = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        String run = Long.toString(System.nanoTime());
        ServiceProcess first = ServiceProcess.start(dir.resolve("load1"), env);
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(16);
        java.util.concurrent.atomic.AtomicBoolean go = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            for (int t = 0; t < 16; t++) {
                int client = t;
                clients.submit(() -> {
                    for (int i = 0; go.get(); i++) {
                        String email = "load." + run + "." + client + "." + i + "@acme.co.uk";
                        try {
                            if (i % 4 == 0) {
                                var r = first.post("/v1/suppressions", "{\"email\": \"" + email + "\", \"scope\": \"ALL\"}");
                                if (r.statusCode() == 201) {
                                    optedOut.add(email);
                                }
                            } else {
                                var r = first.post("/v1/decisions", example.replace("jane.doe@acme.co.uk", email)
                                    .replace("crm:0042", "crm:load-" + client + "-" + i));
                                if (r.statusCode() == 200) {
                                    answered.add(JSON.readTree(r.body()).path("decisionId").asText());
                                }
                            }
                        } catch (Exception connectionCut) {
                            failures.incrementAndGet(); // the kill cuts requests in flight: they were never answered
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(4000);
        } finally {
            first.killHard();
            go.set(false);
            clients.shutdown();
            clients.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertTrue(answered.size() > 50, "the load ran: " + answered.size() + " decisions answered");
        assertTrue(optedOut.size() > 10, "the load ran: " + optedOut.size() + " opt-outs acknowledged");
        try (ServiceProcess second = ServiceProcess.start(dir.resolve("load2"), env)) {
            for (String id : answered) {
                assertEquals(200, second.get("/v1/decisions/" + id).statusCode(), "decision " + id + " was answered 200 before the kill");
            }
            for (String email : optedOut) {
                JsonNode d = JSON.readTree(second.post("/v1/decisions", example.replace("jane.doe@acme.co.uk", email)).body());
                assertEquals("DENY", d.path("outcome").asText(), "the opt-out acknowledged before the kill still blocks: " + d);
            }
            JsonNode verify = JSON.readTree(second.get("/v1/records/verify").body());
            assertTrue(verify.path("intact").asBoolean(), "the hash chains survive the crash: " + verify);
        }
    }

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
