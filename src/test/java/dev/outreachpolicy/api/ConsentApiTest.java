package dev.outreachpolicy.api;

import static dev.outreachpolicy.api.AssessmentApiTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The register of consent receipts, with API keys set: legal (the consent platform's key) records a receipt, an agent
 * may withdraw it but never record one; a decision with no inline consent uses the person's receipt, not after its
 * withdrawal, and not after the person's erasure.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ConsentApiTest {
    @Inject
    DataSource db;

    static ObjectNode receipt(String ref, String method) {
        ObjectNode r = AssessmentApiTest.JSON.createObjectNode();
        r.put("ref", ref).put("email", "Jane.Doe@acme.co.uk").put("obtainedAt", "2026-10-01");
        r.putArray("steps").add("STORAGE").add("OUTREACH");
        r.putArray("channels").add("EMAIL");
        r.put("purpose", "Newsletter and offers for payroll software").put("source", "website signup form /pricing")
            .put("noticeVersion", "privacy-2026-09").put("method", method)
            .put("freelyGiven", true).put("informed", true).put("specific", true).put("unambiguous", true);
        return r;
    }

    /** A PECR e-mail to an individual subscriber with no inline consent (the contract example, INDIVIDUAL, now). */
    static ObjectNode individualEmail(String ref) throws Exception {
        ObjectNode r = AssessmentApiTest.example(ref);
        ((ObjectNode) r.get("prospect")).put("subscriberType", "INDIVIDUAL");
        return r;
    }

    @Test
    void legalRecordsAReceiptAnAgentMayNot() {
        String ref = "crm:cns-role-" + System.nanoTime();
        as(KeysProfile.AGENT).body(receipt(ref, "DOUBLE_OPT_IN").toString()).post("/v1/consents").then().statusCode(403)
            .contentType("application/problem+json");
        as(KeysProfile.AGENT).get("/v1/consents?ref=" + ref).then().statusCode(403);
        String id = as(KeysProfile.LEGAL).body(receipt(ref, "DOUBLE_OPT_IN").toString()).post("/v1/consents").then().statusCode(201)
            .body("id", startsWith("cns_")).body("recordedBy", startsWith("legal (key-")).body("preTicked", equalTo(false))
            .extract().path("id");
        as(KeysProfile.LEGAL).get("/v1/consents?ref=" + ref).then().statusCode(200).body("items.id", equalTo(java.util.List.of(id)))
            .body("items[0].email", equalTo("jane.doe@acme.co.uk")).body("items[0].method", equalTo("DOUBLE_OPT_IN"));
        as(KeysProfile.LEGAL).body(receipt(ref, "PRE_TICKED_CHECKBOX").toString()).post("/v1/consents").then().statusCode(201)
            .body("preTicked", equalTo(true));
    }

    @Test
    void aPecrEmailPermitsOnTheReceiptAndIsDeniedAfterItsWithdrawal() throws Exception {
        String ref = "crm:cns-pecr-" + System.nanoTime();
        ObjectNode request = individualEmail(ref);
        as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("DENY"))
            .body("reasons.rule", hasItem("uk-pecr.email.individual-needs-consent"));

        String id = as(KeysProfile.LEGAL).body(receipt(ref, "UNTICKED_CHECKBOX").toString()).post("/v1/consents").then()
            .statusCode(201).extract().path("id");
        String permitted = as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200)
            .body("outcome", equalTo("PERMIT")).extract().path("decisionId");
        as(KeysProfile.AGENT).get("/v1/decisions/" + permitted).then().statusCode(200)
            .body("facts.resolved.consentReceipt.id", equalTo(id)).body("facts.resolved.consent.channels", hasItem("EMAIL"));

        as(KeysProfile.AGENT).body("{\"at\": \"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}").post("/v1/consents/" + id + "/withdraw")
            .then().statusCode(400).body("errors.pointer", hasItem("/at"));
        as(KeysProfile.AGENT).body("{}").post("/v1/consents/" + id + "/withdraw").then().statusCode(200)
            .body("id", equalTo(id)).body("alreadyWithdrawn", equalTo(false));
        as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("DENY"))
            .body("reasons.rule", hasItem("uk-pecr.email.individual-needs-consent"));
        // withdrawn for every decision evaluated after the withdrawal, whatever its asOf
        ObjectNode earlier = request.deepCopy().put("asOf", "2026-11-22T10:00:00Z");
        as(KeysProfile.LEGAL).body(earlier.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("DENY"));
        as(KeysProfile.AGENT).body("{}").post("/v1/consents/" + id + "/withdraw").then().statusCode(200)
            .body("alreadyWithdrawn", equalTo(true));
        as(KeysProfile.AGENT).body("{}").post("/v1/consents/cns_NOPE/withdraw").then().statusCode(404);
    }

    @Test
    void afterErasureTheReceiptIsUnreadableAndNotUsed() throws Exception {
        String ref = "crm:cns-erased-" + System.nanoTime();
        String id = as(KeysProfile.LEGAL).body(receipt(ref, "SIGNED_FORM").toString()).post("/v1/consents").then().statusCode(201)
            .extract().path("id");
        ObjectNode request = individualEmail(ref);
        as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("PERMIT"));

        as(KeysProfile.ADMIN).delete("/v1/subjects/" + ref).then().statusCode(200).body("erased", equalTo(true));
        as(KeysProfile.LEGAL).get("/v1/consents?ref=" + ref).then().statusCode(200).body("items[0].id", equalTo(id))
            .body("items[0].unreadable", equalTo(true)).body("items[0].email", nullValue());
        String denied = as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200)
            .body("outcome", equalTo("DENY")).body("reasons.rule", hasItem("uk-pecr.email.individual-needs-consent"))
            .extract().path("decisionId");
        as(KeysProfile.AGENT).get("/v1/decisions/" + denied).then().body("facts.resolved.consentReceipt", nullValue());
        ObjectNode byRef = request.deepCopy();
        ((ObjectNode) byRef.get("basis")).put("consentRef", id);
        as(KeysProfile.AGENT).body(byRef.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("DENY"))
            .body("reasons.rule", hasItem("uk-pecr.email.individual-needs-consent"));
    }

    @Test
    void aConsentRefSelectsOneReceiptOfThisPersonOnly() throws Exception {
        String ref = "crm:cns-ref-" + System.nanoTime();
        String pre = as(KeysProfile.LEGAL).body(receipt(ref, "PRE_TICKED_CHECKBOX").toString()).post("/v1/consents").then()
            .statusCode(201).extract().path("id");
        as(KeysProfile.LEGAL).body(receipt(ref, "DOUBLE_OPT_IN").put("obtainedAt", "2026-09-01").toString()).post("/v1/consents").then()
            .statusCode(201);
        ObjectNode byRef = individualEmail(ref);
        ((ObjectNode) byRef.get("basis")).put("consentRef", pre);
        String d = as(KeysProfile.AGENT).body(byRef.toString()).post("/v1/decisions").then().statusCode(200)
            .body("outcome", equalTo("DENY")).extract().path("decisionId");
        as(KeysProfile.AGENT).get("/v1/decisions/" + d).then().body("facts.resolved.consentReceipt.id", equalTo(pre))
            .body("facts.resolved.consent.preTicked", equalTo(true));

        ObjectNode other = individualEmail("crm:someone-else");
        ((ObjectNode) other.get("basis")).put("consentRef", pre);
        as(KeysProfile.AGENT).body(other.toString()).post("/v1/decisions").then().statusCode(400)
            .body("errors.pointer", hasItem("/basis/consentRef"));
        ((ObjectNode) other.get("basis")).put("consentRef", "cns_UNKNOWN");
        as(KeysProfile.AGENT).body(other.toString()).post("/v1/decisions").then().statusCode(400)
            .body("errors.pointer", hasItem("/basis/consentRef"));
    }

    @Test
    void anInvalidReceiptIsA400NamingEachField() {
        ObjectNode bad = receipt("crm:x", "TICKED_BY_US");
        bad.remove("freelyGiven");
        bad.put("obtainedAt", Instant.now().plus(3, ChronoUnit.DAYS).toString());
        bad.put("email", "not-an-address");
        bad.putArray("channels").add("FAX");
        bad.put("preTicked", false);
        as(KeysProfile.LEGAL).body(bad.toString()).post("/v1/consents").then().statusCode(400).contentType("application/problem+json")
            .body("errors.pointer", hasItems("/method", "/freelyGiven", "/obtainedAt", "/email", "/channels/0", "/preTicked"));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAReceipt() {
        String id = as(KeysProfile.LEGAL).body(receipt("crm:cns-db-" + System.nanoTime(), "OTHER").toString()).post("/v1/consents").then()
            .statusCode(201).extract().path("id");
        assertThrows(SQLException.class, () -> exec("UPDATE consent_receipts SET recorded_by = 'x' WHERE id = '" + id + "'"));
        assertThrows(SQLException.class, () -> exec("DELETE FROM consent_receipts WHERE id = '" + id + "'"));
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
