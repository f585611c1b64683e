package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A reload never pulls a ruleset from under an evaluation: a batch (or a plan, or a stream's chunk) that started on the
 * old version finishes on it, answers and records that version, and the old ruleset is released once it is over, not
 * on a timer. A stream that runs across a reload answers each line with the version that judged it, as its record says.
 */
@QuarkusTest
@TestProfile(EditableRulesKeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ReloadDuringEvaluationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    private static io.restassured.specification.RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key);
    }

    private static String serving() {
        return as(KeysProfile.LEGAL).get("/v1/rulesets/current").then().statusCode(200).extract().path("version");
    }

    private static String reload() throws Exception {
        ReloadYieldTest.editRules();
        return as(KeysProfile.LEGAL).post("/v1/rulesets/reload").then().statusCode(200).extract().path("version");
    }

    /** policy_rulesets_in_memory: the compiled rulesets not yet released. */
    private static double inMemory() {
        String scrape = as(KeysProfile.AGENT).get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^policy_rulesets_in_memory ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        assertTrue(m.find(), "the scrape shows policy_rulesets_in_memory");
        return Double.parseDouble(m.group(1));
    }

    private static void awaitInMemory(double n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inMemory() != n && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(n, inMemory());
    }

    /** Whether a query of the service waits for a lock on the assessment register (the test holds it). */
    private boolean waitingForAssessments(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            + "AND pid <> pg_backend_pid() AND query LIKE '%assessment_versions%'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    @Test
    void aBatchEvaluatingAcrossAReloadFinishesOnTheOldVersionWhichIsReleasedAfter() throws Exception {
        awaitInMemory(1);
        String before = serving();
        // A registered assessment (basis.liaRef) is read from the register while the batch holds its ruleset, as its
        // facts are resolved: the test locks that table, so the batch stays in the middle of its evaluation for as long
        // as the test likes. (The block list, consent receipts and call registers are read before, for the whole group.)
        String assessment = as(KeysProfile.LEGAL).contentType("application/json").body(AssessmentApiTest.assessment("2026-03-01").toString())
            .post("/v1/assessments").then().statusCode(201).extract().path("id");
        com.fasterxml.jackson.databind.node.ObjectNode request = (com.fasterxml.jackson.databind.node.ObjectNode)
            new ObjectMapper().readTree(ReloadYieldTest.line(9000));
        com.fasterxml.jackson.databind.node.ObjectNode basis = (com.fasterxml.jackson.databind.node.ObjectNode) request.path("basis");
        basis.remove("lia");
        basis.put("liaRef", assessment);
        CompletableFuture<JsonPath> batch;
        try (Connection lock = db.getConnection(); Connection watch = db.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE assessment_versions IN ACCESS EXCLUSIVE MODE");
            }
            batch = CompletableFuture.supplyAsync(() -> as(KeysProfile.AGENT).contentType("application/json")
                .body("{\"items\": [" + request + "]}").post("/v1/decisions:batch").then().statusCode(200).extract().jsonPath());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!waitingForAssessments(watch) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(waitingForAssessments(watch), "the batch is evaluating, waiting for the assessment register");

            String after = reload();
            assertNotEquals(before, after);
            assertEquals(2.0, inMemory(), "the replaced ruleset is kept while the batch runs on it");
            Thread.sleep(500);
            assertEquals(2.0, inMemory(), "and still kept");
            lock.rollback();
        }
        JsonPath answer = batch.get(60, TimeUnit.SECONDS);
        assertEquals(before, answer.getString("items[0].rulesetVersion"), "the batch is judged by the version it started on");
        String id = answer.getString("items[0].decisionId");
        as(KeysProfile.AGENT).get("/v1/decisions/" + id).then().statusCode(200)
            .body("rulesetVersion", org.hamcrest.Matchers.equalTo(before));
        awaitInMemory(1);
        assertEquals(serving(), as(KeysProfile.AGENT).contentType("application/json").body(ReloadYieldTest.line(9001))
            .post("/v1/decisions").then().statusCode(200).extract().path("rulesetVersion"));
    }

    @Test
    void aStreamRunningAcrossAReloadAnswersEachLineWithTheVersionThatJudgedIt() throws Exception {
        String before = serving();
        int held = ReloadYieldTest.HELD;
        try (HeldStream stream = new HeldStream(io.restassured.RestAssured.port, KeysProfile.AGENT)) {
            // the stream is admitted and its first lines judged before the reload
            assertTrue(stream.send(ReloadYieldTest.lines(20_000, held)).answers(256).size() >= 256);
            String after = reload();
            assertNotEquals(before, after);
            List<String> answers = stream.send(ReloadYieldTest.lines(20_000 + held, 256)).end().answers(held + 256 + 1);
            assertEquals(200, stream.status());
            assertEquals(held + 256, answers.size(), "one answer line per line, the stream going on across the reload");
            for (int i = 0; i < answers.size(); i++) {
                JsonNode line = JSON.readTree(answers.get(i));
                String version = line.path("rulesetVersion").asText();
                assertEquals(i < held ? before : after, version, "line " + (i + 1) + ": " + answers.get(i));
                if (i % 500 == 0 || i == answers.size() - 1) {
                    as(KeysProfile.AGENT).get("/v1/decisions/" + line.path("decisionId").asText()).then().statusCode(200)
                        .body("rulesetVersion", org.hamcrest.Matchers.equalTo(version));
                }
            }
        }
        awaitInMemory(1);
    }
}
