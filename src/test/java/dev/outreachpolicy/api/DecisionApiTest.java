package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /v1/decisions} as the contract gives it: the example, every field, strict input, batch and retries. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class DecisionApiTest {
    static String example() throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json"));
    }

    @Test
    void theContractExampleGetsEveryFieldOfTheContract() throws Exception {
        given().contentType("application/json").body(example()).post("/v1/decisions").then()
            .statusCode(200)
            .contentType("application/json")
            .body("decisionId", matchesPattern("dec_[0-9A-HJKMNP-TV-Z]{26}"))
            .body("outcome", equalTo("PERMIT"))
            .body("regimes", equalTo(List.of("UK_GDPR", "UK_PECR")))
            .body("$", hasKey("reasons"))
            .body("obligations.code", hasItems("RECORD_LEGAL_BASIS", "INCLUDE_UNSUBSCRIBE", "IDENTIFY_SENDER"))
            .body("missingFacts", equalTo(List.of()))
            .body("trace[0].rule", equalTo("scope.uk-gdpr"))
            .body("trace[0].file", equalTo("rules/common/scope.drl"))
            .body("trace[0].order", equalTo(1))
            .body("rulesetVersion", matchesPattern("sha256:[0-9a-f]{64}"))
            .body("$", hasKey("validUntil"))
            .body("asOf", equalTo("2026-11-22T10:00:00Z"))
            .body("evaluatedAt", notNullValue());
    }

    @Test
    void anIndividualWithoutConsentIsDeniedUnderPecrWithTheCitation() throws Exception {
        String body = example().replace("\"CORPORATE\"", "\"INDIVIDUAL\"");
        given().contentType("application/json").body(body).post("/v1/decisions").then()
            .statusCode(200)
            .body("outcome", equalTo("DENY"))
            .body("reasons.find { it.rule == 'uk-pecr.email.individual-needs-consent' }.regime", equalTo("UK_PECR"))
            .body("reasons.find { it.rule == 'uk-pecr.email.individual-needs-consent' }.citation", startsWith("PECR reg. 22"))
            .body("reasons.find { it.rule == 'uk-pecr.email.individual-needs-consent' }.effect", equalTo("DENY"));
    }

    @Test
    void aMissingFactFailsClosedAndNamesThePointer() throws Exception {
        String body = example().replace("\"article6\": \"LEGITIMATE_INTEREST\"", "\"article6\": null");
        given().contentType("application/json").body(body).post("/v1/decisions").then()
            .statusCode(200)
            .body("outcome", equalTo("DENY"))
            .body("missingFacts", hasItem("/basis/article6"))
            .body("reasons.rule", hasItem("uk-gdpr.art6.basis-required"));
    }

    static List<Object[]> badInputs() {
        return List.of(
            new Object[] {"malformed JSON", "{\"step\": ", "/"},
            new Object[] {"empty body", "", "/"},
            new Object[] {"missing step", "{\"prospect\": {\"ref\": \"a\"}}", "/step"},
            new Object[] {"missing prospect.ref", "{\"step\": \"STORAGE\", \"prospect\": {}}", "/prospect/ref"},
            new Object[] {"bad enum", "{\"step\": \"SPAMMING\", \"prospect\": {\"ref\": \"a\"}}", "/step"},
            new Object[] {"bad date", "{\"step\": \"STORAGE\", \"asOf\": \"22/11/2026\", \"prospect\": {\"ref\": \"a\"}}", "/asOf"},
            new Object[] {"asOf before 1970", "{\"step\": \"STORAGE\", \"asOf\": \"1969-12-31T00:00:00Z\", \"prospect\": {\"ref\": \"a\"}}", "/asOf"},
            new Object[] {"wrong type", "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"a\", \"existingCustomer\": \"yes\"}}",
                "/prospect/existingCustomer"},
            new Object[] {"unknown field", "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"a\"}, \"chanel\": \"EMAIL\"}", "/chanel"},
            new Object[] {"outreach without channel", "{\"step\": \"OUTREACH\", \"prospect\": {\"ref\": \"a\"}}", "/channel"},
            new Object[] {"impossible phone", "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"a\", \"phone\": \"+44 12\"}}", "/prospect/phone"},
            new Object[] {"bad country", "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"a\", \"country\": \"UK\"}}", "/prospect/country"},
            new Object[] {"bad list item", "{\"step\": \"STORAGE\", \"prospect\": {\"ref\": \"a\"}, \"data\": {\"categories\": [\"NAME\", \"SHOE_SIZE\"]}}",
                "/data/categories/1"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsA400ProblemNamingTheField(String kind, String body, String pointer) {
        given().contentType("application/json").body(body).post("/v1/decisions").then()
            .statusCode(400)
            .contentType("application/problem+json")
            .body("type", notNullValue())
            .body("title", notNullValue())
            .body("status", equalTo(400))
            .body("detail", notNullValue())
            .body("errors.pointer", hasItem(pointer));
    }

    @Test
    void aBatchAnswersEachItemAndABadItemGetsItsOwnProblem() throws Exception {
        String body = "{\"items\": [" + example() + ", {\"step\": \"NOPE\", \"prospect\": {\"ref\": \"x\"}}]}";
        JsonPath answer = given().contentType("application/json").body(body).post("/v1/decisions:batch").then()
            .statusCode(200).extract().jsonPath();
        assertEquals("PERMIT", answer.getString("items[0].outcome"));
        assertEquals(400, answer.getInt("items[1].status"));
        assertEquals("/items/1/step", answer.getString("items[1].errors[0].pointer"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswer() throws Exception {
        String key = "retry-" + System.nanoTime();
        String first = given().header("Idempotency-Key", key).contentType("application/json").body(example())
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
        String second = given().header("Idempotency-Key", key).contentType("application/json").body(example())
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
        assertEquals(first, second);
        given().header("Idempotency-Key", key).contentType("application/json").body(example().replace("crm:0042", "crm:other"))
            .post("/v1/decisions").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void theRulesListEveryRuleWithItsMetadataAndTheVersionMatchesDecisions() throws Exception {
        JsonPath rules = given().get("/v1/rules").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = rules.getList("rules");
        for (Map<String, Object> r : list) {
            for (String k : List.of("id", "regimes", "citation", "file", "validFrom", "validTo")) {
                org.junit.jupiter.api.Assertions.assertTrue(r.containsKey(k), r + " lacks " + k);
            }
        }
        List<String> regimes = rules.getList("rules.regimes.flatten()");
        for (String code : List.of("EU_GDPR", "UK_GDPR", "EU_EPRIVACY", "UK_PECR", "CAN_SPAM", "CASL", "CCPA", "WA_CEMA",
            "SUPPRESSION", "NOT_COVERED")) {
            org.junit.jupiter.api.Assertions.assertTrue(regimes.contains(code), "no rule under " + code);
        }
        String current = given().get("/v1/rulesets/current").then().statusCode(200)
            .body("files", hasItem("rules/policy.yaml")).body("loadedAt", notNullValue()).extract().path("version");
        String decided = given().contentType("application/json").body(example()).post("/v1/decisions").then().extract().path("rulesetVersion");
        assertEquals(current, decided);
        assertEquals(current, rules.getString("rulesetVersion"));
    }
}
