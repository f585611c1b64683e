package dev.outreachpolicy.impact;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan before the apply: shortening TPS screening freshness from 28 to 14 days, replayed over recorded call
 * decisions, lists exactly the decisions that flip, with counts per rule and regime; an erased person's record is
 * counted as not replayable.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ImpactApiTest {
    private static final String CALL = """
        {"asOf": "2026-11-22T10:00:00Z", "step": "OUTREACH", "channel": "PHONE", "campaign": "impact-test",
         "controller": {"country": "GB"},
         "prospect": {"ref": "REF", "phone": "+4420794600NN", "country": "GB", "subscriberType": "SOLE_TRADER",
                      "tps": "NOT_REGISTERED", "tpsCheckedAt": "CHECKED", "lastEngagementAt": "2026-09-01"},
         "basis": {"article6": "LEGITIMATE_INTEREST", "lia": {"purposeTest": true, "necessityTest": true, "balancingTest": true,
                   "assessedAt": "2026-01-10", "steps": ["OUTREACH"]}},
         "data": {"categories": ["NAME", "WORK_PHONE", "COMPANY"]},
         "message": {"commercial": true, "senderIdentified": true, "relevantToRole": true}}
        """;

    private static String decide(String ref, String checked, int n) {
        return given().contentType("application/json")
            .body(CALL.replace("REF", ref).replace("CHECKED", checked).replace("NN", String.format("%02d", n)))
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    private static void candidate(String name, int days) throws Exception {
        Path target = Path.of("target/test-candidates", name);
        TestFolders.deleteTree(target);
        TestFolders.copyTree(Path.of("rules"), target);
        Path policy = target.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("uk-pecr.register-screening-days:\n    value: 28",
            "uk-pecr.register-screening-days:\n    value: " + days));
    }

    @Test
    void shorteningTpsFreshnessFlipsTheDecisionsScreenedBetween14And28DaysBefore() throws Exception {
        Thread.sleep(5);
        Instant start = Instant.now();
        String run = Long.toString(System.nanoTime());
        String flips = decide("crm:impact-a-" + run, "2026-11-02", 1);
        String stays = decide("crm:impact-b-" + run, "2026-11-20", 2);
        String erasedRef = "crm:impact-c-" + run;
        String erased = decide(erasedRef, "2026-11-02", 3);
        given().delete("/v1/subjects/" + erasedRef).then().statusCode(200);
        candidate("tps-14-days", 14);

        JsonPath report = given().contentType("application/json")
            .body("{\"candidate\": \"../../rules\", \"from\": \"" + start + "\"}").post("/v1/impact")
            .then().statusCode(400).extract().jsonPath();
        assertEquals("/candidate", report.getString("errors[0].pointer"), "a candidate is a folder name, never a path");

        report = given().contentType("application/json").body("{\"candidate\": \"tps-14-days\", \"from\": \"" + start + "\"}")
            .post("/v1/impact").then().statusCode(200).extract().jsonPath();
        List<String> changed = report.getList("changes.decisionId");
        assertTrue(changed.contains(flips), "the call screened 20 days before flips to DENY: " + changed);
        assertFalse(changed.contains(stays), "the call screened 2 days before does not change");
        assertFalse(changed.contains(erased));
        assertEquals(3, report.getInt("examined"));
        assertEquals(1, report.getInt("notReplayable"));
        assertEquals("PERMIT", report.getString("changes.find { it.decisionId == '" + flips + "' }.before.outcome"));
        assertEquals("DENY", report.getString("changes.find { it.decisionId == '" + flips + "' }.after.outcome"));
        assertEquals(1, report.getInt("byRule.'uk-pecr.call.register-screening'"));
        assertEquals(1, report.getInt("byRegime.UK_PECR"));
        given().get("/v1/impact/last").then().statusCode(200).body("candidate", equalTo("tps-14-days"));
    }
}
