package dev.outreachpolicy.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every decision is stored, append-only, masked in the clear and sealed under the person's key; erasure destroys the key. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class DecisionRecordsTest {
    @Inject
    DataSource db;

    @Inject
    RecordReader records;

    private static String request(String email, String ref, String subscriber) throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json")).replace("jane.doe@acme.co.uk", email)
            .replace("crm:0042", ref).replace("\"CORPORATE\"", "\"" + subscriber + "\"");
    }

    @Test
    void aDecisionIsStoredWithItsRulesetAndNoRawIdentifier() throws Exception {
        String email = "rec." + System.nanoTime() + "@acme.co.uk";
        String ref = "crm:rec-" + System.nanoTime();
        String id = given().contentType("application/json").body(request(email, ref, "CORPORATE")).post("/v1/decisions")
            .then().statusCode(200).extract().path("decisionId");
        String version = given().get("/v1/rulesets/current").then().extract().path("version");
        given().get("/v1/decisions/" + id).then().statusCode(200)
            .body("decisionId", equalTo(id))
            .body("rulesetVersion", equalTo(version))
            .body("campaign", equalTo("q4-uk-finance"))
            .body("facts.request.prospect.email", equalTo("r***@acme.co.uk"))
            .body("facts.request.prospect.phone", equalTo("+44 ***"))
            .body("facts.resolved.subscriber", equalTo("CORPORATE"))
            .body("replayable", equalTo(true))
            .body(not(containsString(email)));
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT response::text || facts_masked::text FROM decision_records WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getString(1).contains(email), "the clear columns must not hold the address");
                assertFalse(rs.getString(1).contains(ref), "the clear columns must not hold the ref");
            }
        }
        assertTrue(records.facts(id).orElseThrow().toString().contains(email), "the sealed facts keep the full request for replay");
        given().queryParam("ref", ref).get("/v1/decisions").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void recordsAreAppendOnly() throws Exception {
        String id = given().contentType("application/json").body(request("a" + System.nanoTime() + "@acme.co.uk", "crm:ao", "CORPORATE"))
            .post("/v1/decisions").then().extract().path("decisionId");
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("UPDATE decision_records SET outcome = 'PERMIT' WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
            org.junit.jupiter.api.Assertions.fail("an update must be refused");
        } catch (SQLException expected) {
            assertTrue(expected.getMessage().contains("append-only"));
        }
    }

    @Test
    void aReviewerResolvesAReviewAndTheRecordShowsIt() throws Exception {
        String body = request("r" + System.nanoTime() + "@acme.co.uk", "crm:rv", "CORPORATE").replace("\"relevantToRole\": true", "\"relevantToRole\": false");
        String id = given().contentType("application/json").body(body).post("/v1/decisions").then()
            .body("outcome", equalTo("REVIEW")).extract().path("decisionId");
        given().contentType("application/json").body("{\"reviewer\": \"a.lawyer\", \"verdict\": \"PERMIT\", \"rationale\": \"Payroll is her job.\"}")
            .post("/v1/decisions/" + id + "/review").then().statusCode(201).body("verdict", equalTo("PERMIT"));
        given().get("/v1/decisions/" + id).then().body("reviews", hasSize(1)).body("reviews[0].reviewer", equalTo("local (stated: a.lawyer)"))
            .body("reviewVerdict", equalTo("PERMIT"));
        given().contentType("application/json").body("{\"verdict\": \"MAYBE\"}").post("/v1/decisions/" + id + "/review")
            .then().statusCode(400).body("errors.pointer", org.hamcrest.Matchers.hasItems("/verdict", "/rationale"));
    }

    @Test
    void erasingAPersonDestroysTheKeyButKeepsTheRecordAndTheSuppression() throws Exception {
        String ref = "crm:erase-" + System.nanoTime();
        String email = "erase." + System.nanoTime() + "@acme.co.uk";
        String id = given().contentType("application/json").body(request(email, ref, "CORPORATE")).post("/v1/decisions")
            .then().extract().path("decisionId");
        given().contentType("application/json").body("{\"ref\": \"" + ref + "\"}").post("/v1/suppressions").then().statusCode(201);
        given().delete("/v1/subjects/" + ref).then().statusCode(200).body("erased", equalTo(true));
        given().get("/v1/decisions/" + id).then().statusCode(200).body("replayable", equalTo(false)).body("outcome", equalTo("PERMIT"));
        assertTrue(records.facts(id).isEmpty());
        given().queryParam("ref", ref).get("/v1/suppressions").then().body("items", hasSize(1));
        given().queryParam("ref", ref).get("/v1/decisions").then().statusCode(200).body("items", hasSize(0));
        given().contentType("application/json").body(request(email, ref, "CORPORATE")).post("/v1/decisions").then()
            .body("outcome", equalTo("DENY"));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM decision_records WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
