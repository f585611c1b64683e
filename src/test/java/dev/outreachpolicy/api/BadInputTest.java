package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input is a 400 problem naming the field, never a 5xx: each case here answered 503, 404, an empty body, or
 * was stored garbled (two refs colliding) before.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class BadInputTest {
    private static String decision(String ref) {
        return "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"" + ref + "\", \"country\": \"GB\"}}";
    }

    private static void is400(io.restassured.response.Response r, String pointer) {
        r.then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem(pointer));
    }

    @ParameterizedTest
    @ValueSource(strings = {"crm:\\u0000x", "crm:\\ud800", "crm:\\udc00x", "crm:\\u001b[31m"})
    void aNulALoneSurrogateOrAControlCharacterInAStringIs400(String ref) {
        is400(given().contentType("application/json").body(decision(ref)).post("/v1/decisions"), "/prospect/ref");
        is400(given().contentType("application/json").body("{\"ref\": \"" + ref + "\"}").post("/v1/suppressions"), "/ref");
        is400(given().contentType("application/json").body("{\"source\": \"" + ref + "\", \"ref\": \"crm:ok\"}").post("/v1/suppressions"),
            "/source");
    }

    @Test
    void oneBadItemOfABatchGetsItsOwnProblemAndTheOthersAreAnswered() {
        JsonPath answer = given().contentType("application/json")
            .body("{\"items\": [" + decision("crm:ok-1") + ", " + decision("crm:\\u0000") + "]}").post("/v1/decisions:batch")
            .then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertNotNull(answer.getString("items[0].outcome"), "the good item is answered");
        assertEquals(400, answer.getInt("items[1].status"));
        assertEquals("/items/1/prospect/ref", answer.getString("items[1].errors[0].pointer"));
    }

    @Test
    void aBodyThatIsNotUtf8Is400() {
        byte[] body = "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"crm:\u00ff\"}}".getBytes(StandardCharsets.ISO_8859_1);
        is400(given().contentType("application/json").body(body).post("/v1/decisions"), "/");
        byte[] csv = "ref\ncrm:\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        is400(given().contentType("text/csv").body(csv).post("/v1/suppressions:import"), "/");
    }

    @Test
    void contentAfterTheJsonDocumentIs400() {
        is400(given().contentType("application/json").body(decision("crm:a") + " {\"step\": \"OUTREACH\"}").post("/v1/decisions"), "/");
        is400(given().contentType("application/json").body("{\"ref\": \"crm:a\"} x").post("/v1/suppressions"), "/");
    }

    @Test
    void anOverlongStringIs400() {
        is400(given().contentType("application/json").body("{\"step\": \"STORAGE\", \"purpose\": \"" + "p".repeat(1001)
            + "\", \"prospect\": {\"ref\": \"crm:a\"}}").post("/v1/decisions"), "/purpose");
    }

    @Test
    void queryParametersAreCheckedNot404() {
        is400(given().queryParam("limit", "abc").get("/v1/decisions"), "/limit");
        is400(given().queryParam("limit", "0").get("/v1/decisions"), "/limit");
        is400(given().queryParam("limit", "abc").get("/v1/rulesets"), "/limit");
        is400(given().queryParam("from", "2026-02-01").queryParam("to", "2026-01-01").get("/v1/decisions"), "/from");
        is400(given().urlEncodingEnabled(false).get("/v1/decisions?ref=crm%00x"), "/ref");
        is400(given().urlEncodingEnabled(false).get("/v1/decisions?ref=crm%FFx"), "/ref");
        is400(given().urlEncodingEnabled(false).get("/v1/decisions?ref=crm%ED%A0%80"), "/ref");
        is400(given().urlEncodingEnabled(false).get("/v1/decisions/dec_%00"), "/path");
    }

    @Test
    void oversizedRequestsAreProblemDocuments() {
        given().get("/v1/decisions?ref=" + "r".repeat(9000)).then().statusCode(414).contentType("application/problem+json")
            .body("status", equalTo(414));
        given().header("X-Padding", "p".repeat(17 * 1024)).get("/v1/rules").then().statusCode(431)
            .contentType("application/problem+json").body("status", equalTo(431));
        given().contentType("text/csv").body(new byte[11 * 1024 * 1024]).post("/v1/suppressions:import").then().statusCode(413)
            .contentType("application/problem+json").body("status", equalTo(413));
    }
}
