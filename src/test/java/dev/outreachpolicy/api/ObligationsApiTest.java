package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/** The obligation catalogue is served, and every obligation in an answer reads as the catalogue words it. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ObligationsApiTest {
    private static final String UK_CALL = """
        {"asOf":"2026-06-01T10:00:00Z","step":"OUTREACH","channel":"PHONE",
         "prospect":{"ref":"crm:obl-1","phone":"+442079460000","country":"GB","subscriberType":"CORPORATE",
                     "tps":"NOT_REGISTERED","tpsCheckedAt":"2026-05-20","ctps":"NOT_REGISTERED","ctpsCheckedAt":"2026-05-20"},
         "basis":{"article6":"LEGITIMATE_INTEREST","lia":{"purposeTest":true,"necessityTest":true,"balancingTest":true,
                  "assessedAt":"2026-01-10","steps":["OUTREACH"]}},
         "message":{"commercial":true,"senderIdentified":true}}""";

    @Test
    void theCatalogueIsServedWithItsRegimeAndDatedWordings() {
        JsonPath catalogue = given().get("/v1/obligations").then().statusCode(200)
            .body("rulesetVersion", containsString("sha256:"))
            .body("obligations.find { it.code == 'NOTICE_AT_COLLECTION' }.regimes.CCPA", hasSize(2))
            .body("obligations.find { it.code == 'NOTICE_AT_COLLECTION' }.regimes.CCPA[1].from", equalTo("2023-01-01"))
            .body("obligations.find { it.code == 'HONOUR_OPT_OUT' }.regimes.CASL[0].wording", containsString("at most 10 business days"))
            .extract().jsonPath();
        String sender = catalogue.getString("obligations.find { it.code == 'IDENTIFY_SENDER' }.wording");

        JsonPath decision = given().contentType("application/json").body(UK_CALL).post("/v1/decisions")
            .then().statusCode(200).extract().jsonPath();
        assertEquals(sender, decision.getString("obligations.find { it.code == 'IDENTIFY_SENDER' }.message"), decision.prettify());
    }
}
