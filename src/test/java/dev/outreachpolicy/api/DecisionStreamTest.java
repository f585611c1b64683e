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
    @jakarta.inject.Inject
    javax.sql.DataSource db;

    /** A live call to a sole trader who gave no TPS result: the imported TPS register screens the number. */
    private static String call(String ref, String phone) {
        return ("{'step':'OUTREACH','channel':'PHONE','purpose':'Marketing van leasing to tradespeople','campaign':'q4-uk-trades',"
            + "'controller':{'country':'GB','publicAuthority':false,'ccpaBusiness':false},"
            + "'prospect':{'ref':'" + ref + "','phone':'" + phone + "','country':'GB','subscriberType':'SOLE_TRADER',"
            + "'existingCustomer':false,'lastEngagementAt':'2026-01-20','collectedAt':'2025-09-01'},"
            + "'basis':{'article6':'LEGITIMATE_INTEREST','lia':{'purposeTest':true,'necessityTest':true,'balancingTest':true,"
            + "'assessedAt':'2025-06-01','steps':['COLLECTION','ENRICHMENT','STORAGE','OUTREACH']}},"
            + "'data':{'categories':['NAME','WORK_PHONE','COMPANY'],'publiclyAvailable':false},"
            + "'message':{'commercial':true,'senderIdentified':true,'subjectMisleading':false,'headerMisleading':false,'relevantToRole':true}}")
            .replace('\'', '"');
    }

    private static List<String> rules(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.path("reasons").forEach(r -> out.add(r.path("rule").asText()));
        return out;
    }

    private void importTps(java.time.LocalDate date, String... numbers) {
        given().contentType("text/plain").queryParam("date", date.toString()).queryParam("force", "true").body(String.join("\n", numbers) + "\n")
            .post("/v1/registers/TPS").then().statusCode(201);
    }

    private void cleanRegisters() throws Exception {
        try (java.sql.Connection c = db.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("TRUNCATE register_imports, register_numbers");
        }
    }

    /**
     * The numbers of a stream's calls are screened against the imported TPS register read with the rest of each chunk
     * (one round trip, not two queries per call): each line is answered as a single decision is, and a register imported
     * after one stream screens the next one.
     */
    @Test
    void callsInAStreamAreScreenedAgainstTheRegisterImportedBeforeThem() throws Exception {
        String listed = "+442079460123";
        String clean = "+442079460124";
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        cleanRegisters();
        try {
            importTps(today.minusDays(1), listed, "+442079460999");
            List<String> lines = List.of(call("crm:stream-tps-1", listed), call("crm:stream-tps-2", clean), line(90001));
            String reply = StreamClient.post(io.restassured.RestAssured.port,
                (String.join("\n", lines) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(reply.startsWith("200\n"), reply);
            String[] answers = reply.substring(4).split("\n");
            assertEquals(3, answers.length, reply);
            JsonNode first = JSON.readTree(answers[0]);
            JsonNode second = JSON.readTree(answers[1]);
            assertEquals("DENY", first.path("outcome").asText(), first.toString());
            assertTrue(first.path("reasons").toString().contains("register-screening"), first.toString());
            assertEquals("PERMIT", second.path("outcome").asText(), second.toString());
            assertEquals("PERMIT", JSON.readTree(answers[2]).path("outcome").asText(), answers[2]);
            for (int i = 0; i < 2; i++) {
                JsonNode streamed = JSON.readTree(answers[i]);
                JsonNode single = JSON.readTree(given().contentType("application/json").body(lines.get(i)).post("/v1/decisions")
                    .then().statusCode(200).extract().asString());
                assertEquals(single.path("outcome").asText(), streamed.path("outcome").asText(), "line " + (i + 1));
                assertEquals(rules(single), rules(streamed), "line " + (i + 1));
                String id = streamed.path("decisionId").asText();
                given().get("/v1/decisions/" + id).then().statusCode(200).body("decisionId", equalTo(id));
            }

            // a newer import (a smaller file, so forced past the shrink guard) lists the second number: the next stream
            // reads it (nothing of the first read is kept)
            importTps(today, clean);
            String again = StreamClient.post(io.restassured.RestAssured.port,
                (call("crm:stream-tps-3", clean) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(again.startsWith("200\n"), again);
            JsonNode now = JSON.readTree(again.substring(4).trim());
            assertEquals("DENY", now.path("outcome").asText(), now.toString());
            assertTrue(now.path("reasons").toString().contains("register-screening"), now.toString());
        } finally {
            cleanRegisters();
        }
    }
}
