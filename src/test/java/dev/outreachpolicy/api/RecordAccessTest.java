package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Attacks on records and reviews with keys set: an agent read any record by id; reviews were accepted on PERMIT
 * decisions, contradicted each other, and named whatever reviewer the client sent.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class RecordAccessTest {
    private static String bearer(String key) { return "Bearer " + key; }

    private static String request(boolean review) throws Exception {
        String body = Files.readString(Path.of("src/test/resources/contract-example.json"))
            .replace("\"asOf\": \"2026-11-22T10:00:00Z\",", "").replace("crm:0042", "crm:ra-" + System.nanoTime());
        return review ? body.replace("\"relevantToRole\": true", "\"relevantToRole\": false") : body;
    }

    private static String decide(String key, boolean review) throws Exception {
        return given().header("Authorization", bearer(key)).contentType("application/json").body(request(review)).post("/v1/decisions")
            .then().statusCode(200).extract().path("decisionId");
    }

    @Test
    void anAgentReadsOnlyTheRecordsOfItsOwnDecisions() throws Exception {
        String mine = decide(KeysProfile.AGENT, false);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/decisions/" + mine).then().statusCode(200)
            .body("decisionId", equalTo(mine));
        given().header("Authorization", bearer(KeysProfile.OTHER_AGENT)).get("/v1/decisions/" + mine).then().statusCode(404)
            .contentType("application/problem+json");
        String legals = decide(KeysProfile.LEGAL, false);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/decisions/" + legals).then().statusCode(404);
        given().header("Authorization", bearer(KeysProfile.LEGAL)).get("/v1/decisions/" + mine).then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.ADMIN)).get("/v1/decisions/" + legals).then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/decisions").then().statusCode(403);
    }

    @Test
    void onlyAReviewDecisionTakesAVerdict() throws Exception {
        String permit = decide(KeysProfile.AGENT, false);
        given().header("Authorization", bearer(KeysProfile.LEGAL)).contentType("application/json")
            .body("{\"verdict\": \"DENY\", \"rationale\": \"no\"}").post("/v1/decisions/" + permit + "/review")
            .then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", bearer(KeysProfile.LEGAL)).get("/v1/decisions/" + permit).then().body("reviews", hasSize(0));
    }

    @Test
    void aLaterVerdictSupersedesVisiblyAndTheReviewerIsTheCaller() throws Exception {
        String id = decide(KeysProfile.AGENT, true);
        String first = given().header("Authorization", bearer(KeysProfile.LEGAL)).contentType("application/json")
            .body("{\"verdict\": \"PERMIT\", \"rationale\": \"relevant after all\", \"reviewer\": \"the.boss\"}")
            .post("/v1/decisions/" + id + "/review").then().statusCode(201)
            .body("reviewer", startsWith("legal (key-")).extract().path("id");
        given().header("Authorization", bearer(KeysProfile.ADMIN)).contentType("application/json")
            .body("{\"verdict\": \"DENY\", \"rationale\": \"second look: not relevant\"}")
            .post("/v1/decisions/" + id + "/review").then().statusCode(201).body("supersedes", equalTo(first));
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/decisions/" + id).then().statusCode(200)
            .body("reviewVerdict", equalTo("DENY"))
            .body("reviews", hasSize(2))
            .body("reviews[0].supersededBy", equalTo(given().header("Authorization", bearer(KeysProfile.LEGAL))
                .get("/v1/decisions/" + id).then().extract().path("reviews[1].id")))
            .body("reviews[0].current", equalTo(false))
            .body("reviews[1].current", equalTo(true))
            .body("reviews[0].reviewer", startsWith("legal (key-"))
            .body("reviews[1].reviewer", startsWith("admin (key-"));
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json")
            .body("{\"verdict\": \"PERMIT\", \"rationale\": \"me\"}").post("/v1/decisions/" + id + "/review").then().statusCode(403);
    }
}
