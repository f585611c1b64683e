package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a stream of decisions is in flight, on the embedded store: the stream is answered to its last line,
 * every line a decision (none turned into a 503 by a database stopped under it), and after a restart every one of
 * those decisions is in the store.
 */
class GracefulShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigtermDrainsTheRequestsInFlightBeforeTheStoreStops() throws Exception {
        Map<String, String> env = Map.of("POLICY_DATA_DIR", dir.resolve("data").toString());
        String example = JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json"))).toString();
        int n = 3000;
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            body.append(example.replace("crm:0042", "crm:drain-" + i)).append('\n');
        }
        ServiceProcess first = ServiceProcess.start(dir.resolve("run1"), env);
        byte[] stream = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return dev.outreachpolicy.api.StreamClient.post(first.port(), stream);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(700);
        assertFalse(answer.isDone(), "the stream must still be in flight when SIGTERM arrives");
        first.terminate();
        String reply = answer.get(180, TimeUnit.SECONDS);
        assertTrue(reply.startsWith("200\n"), reply.substring(0, Math.min(300, reply.length())));
        String[] lines = reply.substring(4).split("\n");
        assertEquals(n, lines.length, "every line answered although SIGTERM came mid-stream");
        List<String> ids = new ArrayList<>();
        for (String l : lines) {
            JsonNode a = JSON.readTree(l);
            assertTrue(a.hasNonNull("decisionId"), "a decision, not a problem: " + l);
            ids.add(a.path("decisionId").asText());
        }
        assertFalse(first.log().contains("store-unavailable"), "no request failed on a stopped store");
        try (ServiceProcess second = ServiceProcess.start(dir.resolve("run2"), env)) {
            for (int i = 0; i < ids.size(); i += 97) {
                assertEquals(200, second.get("/v1/decisions/" + ids.get(i)).statusCode(), "answered before the stop, so recorded");
            }
            assertEquals(200, second.get("/v1/decisions/" + ids.get(ids.size() - 1)).statusCode());
        }
    }
}
