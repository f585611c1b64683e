package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/decisions:stream}: one answer line per input line, in order; a bad line gets its problem and the rest goes on. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class DecisionStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String line(int i) throws Exception {
        return JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json"))
            .replace("jane.doe@acme.co.uk", "stream" + i + "@acme.co.uk").replace("crm:0042", "crm:stream-" + i)).toString();
    }

    @Test
    void everyLineIsAnsweredInOrderAndABadLineDoesNotStopTheRest() throws Exception {
        int n = 9000; // many chunks, and more than 10 MB: more than any other endpoint takes
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            if (i == 3) {
                body.append("{\"step\": \"SPAMMING\", \"prospect\": {\"reff\": \"x\"}}\n");
            } else if (i == 5) {
                body.append("{not json\n");
            } else if (i == 400) {
                body.append("\n");
            } else {
                body.append(line(i)).append('\n');
            }
        }
        String reply = StreamClient.post(io.restassured.RestAssured.port, body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(reply.startsWith("200\n"), reply.substring(0, Math.min(300, reply.length())));
        String answer = reply.substring(4);
        assertTrue(body.length() > 10 * 1024 * 1024, "the stream is longer than the body limit of other endpoints");
        String[] lines = answer.split("\n");
        assertEquals(n, lines.length, "one answer line per input line");
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            JsonNode a = JSON.readTree(lines[i - 1]);
            if (i == 3 || i == 5 || i == 400) {
                assertEquals(i, a.path("line").asInt(), a.toString());
                assertEquals(400, a.path("status").asInt(), a.toString());
                assertTrue(a.path("errors").size() > 0, a.toString());
            } else {
                assertEquals("PERMIT", a.path("outcome").asText(), "line " + i + ": " + a);
                ids.add(a.path("decisionId").asText());
            }
        }
        JsonNode bad = JSON.readTree(lines[2]);
        assertTrue(bad.path("errors").toString().contains("/prospect/ref"), bad.toString());
        for (String id : List.of(ids.get(0), ids.get(ids.size() / 2), ids.get(ids.size() - 1))) {
            given().get("/v1/decisions/" + id).then().statusCode(200).body("decisionId", equalTo(id));
        }
    }

    @Test
    void otherEndpointsKeepTheirBodyLimit() {
        byte[] big = new byte[11 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        given().contentType("application/json").body(big).post("/v1/decisions").then().statusCode(413)
            .contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void anEmptyStreamIsAnEmptyAnswer() {
        String answer = given().contentType("application/x-ndjson").body(new byte[0]).post("/v1/decisions:stream")
            .then().statusCode(200).extract().asString();
        assertEquals("", answer);
    }
}
