package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Roles on every endpoint: agent decides and records opt-outs; legal also reads rules, reloads, reviews; admin erases. */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class AccessTest {
    private static String bearer(String key) { return "Bearer " + key; }

    private static String example() throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json"));
    }

    /** The contract's example decided for now: its own asOf lies more than a day back, which an agent may not ask. */
    private static String exampleNow() throws Exception {
        return example().replace("\"asOf\": \"2026-11-22T10:00:00Z\",", "");
    }

    @Test
    void aMissingOrUnknownKeyIs401AsAProblem() throws Exception {
        given().contentType("application/json").body(example()).post("/v1/decisions").then()
            .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().header("Authorization", bearer("nope")).contentType("application/json").body(example()).post("/v1/decisions")
            .then().statusCode(401);
    }

    @Test
    void anAgentDecidesAndRecordsOptOutsButReadsNoRulesAndErasesNobody() throws Exception {
        String id = given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(exampleNow())
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/decisions/" + id).then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json")
            .body("{\"ref\": \"crm:access-" + System.nanoTime() + "\"}").post("/v1/suppressions").then().statusCode(201);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/rules").then().statusCode(403)
            .contentType("application/problem+json");
        given().header("Authorization", bearer(KeysProfile.AGENT)).post("/v1/rulesets/reload").then().statusCode(403);
        given().header("Authorization", bearer(KeysProfile.AGENT)).delete("/v1/subjects/crm:x").then().statusCode(403);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/legal").then().statusCode(403);
    }

    @Test
    void aWhatIfMoreThan24HoursAheadNeedsLegal() throws Exception {
        String future = example().replace("2026-11-22T10:00:00Z", "2099-01-01T00:00:00Z");
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(future).post("/v1/decisions")
            .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", bearer(KeysProfile.LEGAL)).contentType("application/json").body(future).post("/v1/decisions")
            .then().statusCode(200).body("asOf", equalTo("2099-01-01T00:00:00Z"));
    }

    /** Attack: an agent back-dated asOf to 2022 to reach the CCPA B2B exemption, long expired. */
    @Test
    void aBackDatedAsOfMoreThan24HoursAgoNeedsLegal() throws Exception {
        String past = example().replace("2026-11-22T10:00:00Z", "2022-06-01T00:00:00Z");
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(past).post("/v1/decisions")
            .then().statusCode(403).contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("past"));
        String yesterday = example().replace("2026-11-22T10:00:00Z", java.time.Instant.now().minus(java.time.Duration.ofHours(23)).toString());
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(yesterday).post("/v1/decisions")
            .then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json")
            .body("{\"items\": [" + past + "]}").post("/v1/decisions:batch")
            .then().statusCode(200).body("items[0].status", equalTo(403));
        given().header("Authorization", bearer(KeysProfile.LEGAL)).contentType("application/json").body(past).post("/v1/decisions")
            .then().statusCode(200).body("asOf", equalTo("2022-06-01T00:00:00Z"));
    }

    @Test
    void legalReadsRulesAndAdminDoesEverything() {
        given().header("Authorization", bearer(KeysProfile.LEGAL)).get("/v1/rules").then().statusCode(200).body("rulesetVersion", notNullValue());
        given().header("Authorization", bearer(KeysProfile.LEGAL)).delete("/v1/subjects/crm:x").then().statusCode(403);
        given().header("Authorization", bearer(KeysProfile.ADMIN)).delete("/v1/subjects/crm:x").then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.ADMIN)).get("/v1/suppressions:export").then().statusCode(200);
    }
}
