package dev.outreachpolicy.idempotency;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract's retries on the endpoints no other test retries: {@code POST /v1/decisions:batch} and
 * {@code POST /v1/suppressions}. The same key and request again gets the first answer and records nothing twice; the
 * same key with another request is a 422 problem. (Single decisions and plans: DecisionApiTest, PlanApiTest.)
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class RetriesTest {
    private static String example() throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json"));
    }

    @Test
    void aBatchRetriedWithItsKeyGetsTheFirstAnswer() throws Exception {
        String key = "batch-retry-" + System.nanoTime();
        String ref = "crm:batch-retry-" + System.nanoTime();
        String body = "{\"items\": [" + example().replace("crm:0042", ref) + "]}";
        List<String> first = given().header("Idempotency-Key", key).contentType("application/json").body(body)
            .post("/v1/decisions:batch").then().statusCode(200).extract().path("items.decisionId");
        List<String> second = given().header("Idempotency-Key", key).contentType("application/json").body(body)
            .post("/v1/decisions:batch").then().statusCode(200).extract().path("items.decisionId");
        assertEquals(first, second);
        given().queryParam("ref", ref).get("/v1/decisions").then().statusCode(200).body("items.size()", equalTo(1));
        given().header("Idempotency-Key", key).contentType("application/json").body(body.replace(ref, ref + "-other"))
            .post("/v1/decisions:batch").then().statusCode(422).contentType("application/problem+json")
            .body("status", equalTo(422));
    }

    @Test
    void anOptOutRetriedWithItsKeyGetsTheFirstAnswer() {
        String key = "suppression-retry-" + System.nanoTime();
        String email = "retry." + System.nanoTime() + "@acme.co.uk";
        String body = "{\"email\": \"" + email + "\", \"scope\": \"ALL\", \"source\": \"unsubscribe-link\"}";
        String first = given().header("Idempotency-Key", key).contentType("application/json").body(body)
            .post("/v1/suppressions").then().statusCode(201).extract().path("id");
        String second = given().header("Idempotency-Key", key).contentType("application/json").body(body)
            .post("/v1/suppressions").then().statusCode(201).extract().path("id");
        assertEquals(first, second);
        given().queryParam("email", email).get("/v1/suppressions").then().statusCode(200).body("items.size()", equalTo(1));
        given().header("Idempotency-Key", key).contentType("application/json").body(body.replace("retry.", "other."))
            .post("/v1/suppressions").then().statusCode(422).contentType("application/problem+json")
            .body("status", equalTo(422));
    }

    @Test
    void aKeyTooLongIsRefusedNamingTheHeader() throws Exception {
        given().header("Idempotency-Key", "k".repeat(256)).contentType("application/json").body(example())
            .post("/v1/decisions").then().statusCode(400).contentType("application/problem+json")
            .body("errors[0].pointer", equalTo("/headers/Idempotency-Key"));
    }
}
