package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one database behave as one service: an opt-out recorded on the first blocks the very next decision
 * on the second, the second lists it when asked in upper case, and the second's record can be read on the first,
 * with its ruleset version and without the raw address. Runs on the machine's PostgreSQL when
 * {@code QUARKUS_DATASOURCE_JDBC_URL} is set.
 */
class TwoInstancesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void anOptOutOnOneInstanceBlocksTheNextDecisionOnTheOther() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        try (SharedDatabase db = SharedDatabase.create(dir.resolve("db"))) {
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", db.url(), "QUARKUS_DATASOURCE_USERNAME",
                System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                "POLICY_SUPPRESSION_KEY", Base64.getEncoder().encodeToString(secret), "POLICY_SUPPRESSION_KEY_ID", "it-key");
            System.out.println("two instances on " + (db.onMachineServer() ? "the machine's PostgreSQL" : "an embedded PostgreSQL"));
            try (ServiceProcess first = ServiceProcess.start(dir.resolve("a"), env);
                 ServiceProcess second = ServiceProcess.start(dir.resolve("b"), env)) {
                String email = "jane.doe." + System.nanoTime() + "@acme.co.uk";
                String request = Files.readString(Path.of("src/test/resources/contract-example.json")).replace("jane.doe@acme.co.uk", email);
                assertEquals("PERMIT", JSON.readTree(second.post("/v1/decisions", request).body()).path("outcome").asText());

                var optOut = first.post("/v1/suppressions", "{\"email\": \"" + email + "\", \"scope\": \"ALL\", \"source\": \"unsubscribe-link\"}");
                assertEquals(201, optOut.statusCode(), optOut.body());

                var decided = second.post("/v1/decisions", request);
                JsonNode d = JSON.readTree(decided.body());
                assertEquals("DENY", d.path("outcome").asText(), decided.body());
                assertTrue(d.path("regimes").toString().contains("SUPPRESSION"), decided.body());

                JsonNode listed = JSON.readTree(second.get("/v1/suppressions?email=" + email.toUpperCase()).body());
                assertEquals(1, listed.path("items").size(), listed.toString());

                var record = first.get("/v1/decisions/" + d.path("decisionId").asText());
                assertEquals(200, record.statusCode(), record.body());
                JsonNode r = JSON.readTree(record.body());
                assertEquals(d.path("rulesetVersion").asText(), r.path("rulesetVersion").asText());
                assertFalse(record.body().toLowerCase().contains(email.toLowerCase()), "the record must not contain the raw address");
            }
        }
    }
}
