package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The register of legitimate-interest assessments, with API keys set: legal writes versions, an agent's decisions
 * name one by {@code basis.liaRef} and get the version in force at their {@code asOf}.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class AssessmentApiTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource db;

    static RequestSpecification as(String key) {
        return given().header("Authorization", "Bearer " + key).contentType("application/json");
    }

    static ObjectNode assessment(String assessedAt, String... campaigns) {
        ObjectNode a = JSON.createObjectNode();
        a.put("title", "UK finance prospecting by e-mail").put("purpose", "B2B prospecting for payroll software");
        a.putObject("purposeTest").put("passed", true).put("rationale", "Selling payroll software is a lawful commercial interest.");
        a.putObject("necessityTest").put("passed", true).put("rationale", "Named finance contacts are the only way to reach the buyer.");
        a.putObject("balancingTest").put("passed", true).put("rationale", "Role-relevant messages with an opt-out; expected.");
        a.putArray("steps").add("ENRICHMENT").add("STORAGE").add("OUTREACH");
        for (String c : campaigns) {
            a.withArray("campaigns").add(c);
        }
        a.put("assessedAt", assessedAt).put("assessedBy", "Data protection officer");
        return a;
    }

    /** The contract's example for a person of its own, without asOf (now), its LIA inline. */
    static ObjectNode example(String ref) throws Exception {
        ObjectNode r = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json")));
        r.remove("asOf");
        ((ObjectNode) r.get("prospect")).put("ref", ref);
        return r;
    }

    static ObjectNode withLiaRef(ObjectNode request, String liaRef) {
        ObjectNode r = request.deepCopy();
        ((ObjectNode) r.get("basis")).remove("lia");
        ((ObjectNode) r.get("basis")).put("liaRef", liaRef);
        return r;
    }

    static String today() { return LocalDate.now(ZoneOffset.UTC).toString(); }

    static List<String> rules(JsonNode decision) {
        List<String> out = new ArrayList<>();
        decision.path("reasons").forEach(x -> out.add(x.path("rule").asText() + " " + x.path("effect").asText()));
        return out;
    }

    @Test
    void legalRecordsAnAssessmentAnAgentMayNot() {
        as(KeysProfile.AGENT).body(assessment("2026-03-01").toString()).post("/v1/assessments").then().statusCode(403)
            .contentType("application/problem+json");
        String id = as(KeysProfile.LEGAL).body(assessment("2026-03-01").toString()).post("/v1/assessments").then().statusCode(201)
            .body("id", startsWith("asm_")).body("version", equalTo(1)).body("recordedBy", startsWith("legal (key-"))
            .extract().path("id");
        as(KeysProfile.AGENT).body(assessment("2026-04-01").toString()).put("/v1/assessments/" + id).then().statusCode(403);
        as(KeysProfile.AGENT).get("/v1/assessments/" + id).then().statusCode(200).body("version", equalTo(1));
        as(KeysProfile.AGENT).get("/v1/assessments").then().statusCode(403);
        as(KeysProfile.LEGAL).get("/v1/assessments").then().statusCode(200).body("items.id", hasItem(id));
        as(KeysProfile.AGENT).get("/v1/assessments/asm_NOPE").then().statusCode(404);
    }

    @Test
    void aDecisionWithTheRefPermitsExactlyAsTheSameInlineLia() throws Exception {
        String id = as(KeysProfile.LEGAL).body(assessment("2026-03-01").toString()).post("/v1/assessments").then().statusCode(201)
            .extract().path("id");
        ObjectNode inline = example("crm:asm-same-" + System.nanoTime());
        JsonNode byInline = JSON.readTree(as(KeysProfile.AGENT).body(inline.toString()).post("/v1/decisions").then().statusCode(200)
            .extract().asString());
        JsonNode byRef = JSON.readTree(as(KeysProfile.AGENT).body(withLiaRef(inline, id).toString()).post("/v1/decisions").then()
            .statusCode(200).extract().asString());
        assertEquals("PERMIT", byRef.path("outcome").asText());
        assertEquals(byInline.path("outcome"), byRef.path("outcome"));
        assertEquals(byInline.path("regimes"), byRef.path("regimes"));
        assertEquals(rules(byInline), rules(byRef));
        assertEquals(byInline.path("obligations"), byRef.path("obligations"));
        assertEquals(byInline.path("missingFacts"), byRef.path("missingFacts"));
        as(KeysProfile.AGENT).get("/v1/decisions/" + byRef.path("decisionId").asText()).then().statusCode(200)
            .body("facts.resolved.assessment.id", equalTo(id)).body("facts.resolved.assessment.version", equalTo(1))
            .body("facts.resolved.lia.assessedAt", equalTo("2026-03-01"));
    }

    @Test
    void aNewVersionExcludingTheCampaignDeniesTheNextDecisionWhileAnEarlierAsOfKeepsVersion1() throws Exception {
        String id = as(KeysProfile.LEGAL).body(assessment("2026-03-01", "q4-uk-finance").toString()).post("/v1/assessments").then()
            .statusCode(201).extract().path("id");
        ObjectNode request = withLiaRef(example("crm:asm-v2-" + System.nanoTime()), id);
        as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("PERMIT"));

        as(KeysProfile.LEGAL).body(assessment(today(), "q1-uk-retail").toString()).put("/v1/assessments/" + id).then().statusCode(201)
            .body("id", equalTo(id)).body("version", equalTo(2));
        String denied = as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(200)
            .body("outcome", equalTo("DENY"))
            .body("reasons.rule", hasItem("uk-gdpr.art6.lia-campaign-not-covered"))
            .body("reasons.find { it.rule == 'uk-gdpr.art6.lia-campaign-not-covered' }.message", containsString(id + ", version 2"))
            .extract().path("decisionId");
        as(KeysProfile.AGENT).get("/v1/decisions/" + denied).then().body("facts.resolved.assessment.version", equalTo(2));

        ObjectNode whatIf = request.deepCopy().put("asOf", "2026-11-22T10:00:00Z");
        as(KeysProfile.LEGAL).body(whatIf.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("PERMIT"))
            .body("reasons.rule", org.hamcrest.Matchers.not(hasItem("uk-gdpr.art6.lia-campaign-not-covered")));

        as(KeysProfile.AGENT).get("/v1/assessments/" + id).then().statusCode(200).body("version", equalTo(2))
            .body("campaigns", equalTo(List.of("q1-uk-retail"))).body("versions.version", equalTo(List.of(1, 2)));
        as(KeysProfile.AGENT).get("/v1/assessments/" + id + "/versions/1").then().statusCode(200)
            .body("version", equalTo(1)).body("campaigns", equalTo(List.of("q4-uk-finance")));
        as(KeysProfile.AGENT).get("/v1/assessments/" + id + "/versions/3").then().statusCode(404);
        as(KeysProfile.LEGAL).get("/v1/assessments").then().statusCode(200)
            .body("items.find { it.id == '" + id + "' }.versions.decisions", equalTo(List.of(2, 1)));
    }

    @Test
    void theImpactOfADraftVersionListsTheDecisionsItWouldChange() throws Exception {
        java.time.Instant start = java.time.Instant.now();
        String id = as(KeysProfile.LEGAL).body(assessment("2026-03-01", "q4-uk-finance").toString()).post("/v1/assessments").then()
            .statusCode(201).extract().path("id");
        ObjectNode covered = withLiaRef(example("crm:asm-impact-a-" + System.nanoTime()), id);
        String flipsToDeny = as(KeysProfile.AGENT).body(covered.toString()).post("/v1/decisions").then()
            .body("outcome", equalTo("PERMIT")).extract().path("decisionId");
        ObjectNode other = withLiaRef(example("crm:asm-impact-b-" + System.nanoTime()), id).put("campaign", "q1-uk-retail");
        String flipsToPermit = as(KeysProfile.AGENT).body(other.toString()).post("/v1/decisions").then()
            .body("outcome", equalTo("DENY")).extract().path("decisionId");
        as(KeysProfile.AGENT).body(example("crm:asm-impact-c-" + System.nanoTime()).toString()).post("/v1/decisions").then()
            .body("outcome", equalTo("PERMIT"));

        ObjectNode body = JSON.createObjectNode().put("assessment", id).put("from", start.toString());
        body.set("draft", assessment("2026-03-01", "q1-uk-retail"));
        io.restassured.path.json.JsonPath report = as(KeysProfile.LEGAL).body(body.toString()).post("/v1/impact").then().statusCode(200)
            .body("candidate", equalTo("assessment " + id + " draft version 2")).body("examined", equalTo(2))
            .body("replayed", equalTo(2)).extract().jsonPath();
        assertEquals(List.of(flipsToDeny, flipsToPermit), report.getList("changes.decisionId"));
        assertEquals(List.of("DENY", "PERMIT"), report.getList("changes.after.outcome"));
        assertEquals(List.of("uk-gdpr.art6.lia-campaign-not-covered DENY"), report.getList("changes[0].reasonsAdded"));
        as(KeysProfile.AGENT).get("/v1/assessments/" + id).then().body("version", equalTo(1));
        as(KeysProfile.LEGAL).get("/v1/impact/last").then().statusCode(200).body("candidate", startsWith("assessment " + id));

        // a draft assessed after every decision's asOf changes nothing
        body.set("draft", assessment("2099-01-01", "q1-uk-retail"));
        as(KeysProfile.LEGAL).body(body.toString()).post("/v1/impact").then().statusCode(200).body("examined", equalTo(2))
            .body("changes", equalTo(List.of()));

        ((ObjectNode) body.get("draft")).remove("assessedBy");
        as(KeysProfile.LEGAL).body(body.toString()).post("/v1/impact").then().statusCode(400).body("errors.pointer", hasItem("/draft/assessedBy"));
        body.put("candidate", "tps-14-days");
        as(KeysProfile.LEGAL).body(body.toString()).post("/v1/impact").then().statusCode(400).body("errors.pointer", hasItem("/assessment"));
        ObjectNode unknown = JSON.createObjectNode().put("assessment", "asm_NOPE");
        unknown.set("draft", assessment("2026-03-01"));
        as(KeysProfile.LEGAL).body(unknown.toString()).post("/v1/impact").then().statusCode(400).body("errors.pointer", hasItem("/assessment"));
        as(KeysProfile.AGENT).body(unknown.toString()).post("/v1/impact").then().statusCode(403);
    }

    @Test
    void theLegalPageListsAssessmentsAndShowsWhatADecisionReliedOn() throws Exception {
        ObjectNode a = assessment("2026-03-01", "q4-uk-finance").put("reviewDueAt", "2026-06-01");
        String id = as(KeysProfile.LEGAL).body(a.toString()).post("/v1/assessments").then().statusCode(201).extract().path("id");
        String decision = as(KeysProfile.AGENT).body(withLiaRef(example("crm:asm-page-" + System.nanoTime()), id).toString())
            .post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("REVIEW"))
            .body("reasons.rule", hasItem("uk-gdpr.art6.lia-review-overdue")).extract().path("decisionId");
        String page = given().header("Authorization", "Bearer " + KeysProfile.LEGAL).get("/legal").then().statusCode(200)
            .extract().asString();
        // The review queue above may quote the assessment in a REVIEW's reason: look in the register's own section.
        int section = page.indexOf("Registered assessments");
        int at = section < 0 ? -1 : page.indexOf(id, section);
        assertTrue(section >= 0 && at > 0, "the page lists the assessment");
        String row = page.substring(at, page.indexOf("</tr>", at));
        assertTrue(row.contains("2026-03-01") && row.contains("2026-06-01 (overdue)") && row.contains("<td>1</td>"), row);
        given().header("Authorization", "Bearer " + KeysProfile.LEGAL).get("/legal/decision?id=" + decision).then().statusCode(200)
            .body(containsString(id)).body(containsString("version 1"));
        given().header("Authorization", "Bearer " + KeysProfile.AGENT).get("/legal/decision?id=" + decision).then().statusCode(403);
        given().header("Authorization", "Bearer " + KeysProfile.LEGAL).get("/legal/decision?id=dec_NOPE").then().statusCode(200)
            .body(containsString("No decision"));
    }

    @Test
    void theReadmeExamplesHold() throws Exception {
        String id = as(KeysProfile.LEGAL).body(Files.readString(Path.of("src/test/resources/assessment-example.json")))
            .post("/v1/assessments").then().statusCode(201).extract().path("id");
        String request = Files.readString(Path.of("src/test/resources/contract-example-liaref.json")).replace("ASSESSMENT_ID", id)
            .replace("crm:0042", "crm:readme-" + System.nanoTime());
        as(KeysProfile.LEGAL).body(request).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("PERMIT"));
        as(KeysProfile.LEGAL).body(Files.readString(Path.of("src/test/resources/consent-example.json"))).post("/v1/consents").then()
            .statusCode(201).body("id", startsWith("cns_"));
    }

    @Test
    void anInvalidAssessmentIsA400NamingEachField() {
        ObjectNode bad = assessment("2026-03-01");
        ((ObjectNode) bad.get("balancingTest")).remove("rationale");
        ((ObjectNode) bad.get("purposeTest")).put("rationale", " ");
        bad.remove("assessedBy");
        bad.putArray("steps").add("SPAMMING");
        bad.put("assesedAt", "2026-03-01");
        bad.put("reviewDueAt", "2026-02-01");
        as(KeysProfile.LEGAL).body(bad.toString()).post("/v1/assessments").then().statusCode(400)
            .contentType("application/problem+json")
            .body("errors.pointer", hasItems("/balancingTest/rationale", "/purposeTest/rationale", "/assessedBy", "/steps/0",
                "/assesedAt", "/reviewDueAt"));
        as(KeysProfile.LEGAL).body("[]").post("/v1/assessments").then().statusCode(400);
        as(KeysProfile.LEGAL).body(assessment("2026-03-01").toString()).put("/v1/assessments/asm_NOPE").then().statusCode(404);
    }

    @Test
    void anUnknownRefOrARefBesideAnInlineLiaIsA400() throws Exception {
        ObjectNode request = withLiaRef(example("crm:asm-bad-" + System.nanoTime()), "asm_DOESNOTEXIST");
        as(KeysProfile.AGENT).body(request.toString()).post("/v1/decisions").then().statusCode(400)
            .body("errors.pointer", hasItem("/basis/liaRef"));
        ObjectNode both = example("crm:asm-both");
        ((ObjectNode) both.get("basis")).put("liaRef", "asm_X");
        as(KeysProfile.AGENT).body(both.toString()).post("/v1/decisions").then().statusCode(400)
            .body("errors.pointer", hasItem("/basis/liaRef"));
    }

    @Test
    void aRefWithNoVersionInForceAtAsOfIsAnAbsentLia() throws Exception {
        String id = as(KeysProfile.LEGAL).body(assessment(today()).toString()).post("/v1/assessments").then().statusCode(201)
            .extract().path("id");
        ObjectNode request = withLiaRef(example("crm:asm-early-" + System.nanoTime()), id).put("asOf", "2026-11-22T10:00:00Z");
        as(KeysProfile.LEGAL).body(request.toString()).post("/v1/decisions").then().statusCode(200).body("outcome", equalTo("DENY"))
            .body("missingFacts", hasItem("/basis/lia")).body("reasons.rule", hasItem("uk-gdpr.art6.lia-required"))
            .body("reasons.find { it.rule == 'uk-gdpr.art6.lia-required' }.message", containsString(id));
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteAVersion() {
        String id = as(KeysProfile.LEGAL).body(assessment("2026-03-01").toString()).post("/v1/assessments").then().statusCode(201)
            .extract().path("id");
        assertThrows(SQLException.class, () -> exec("UPDATE assessment_versions SET assessed_at = '2020-01-01' WHERE assessment_id = '" + id + "'"));
        assertThrows(SQLException.class, () -> exec("DELETE FROM assessment_versions WHERE assessment_id = '" + id + "'"));
        assertThrows(SQLException.class, () -> exec("DELETE FROM assessments WHERE id = '" + id + "'"));
        as(KeysProfile.AGENT).get("/v1/assessments/" + id).then().statusCode(200).body("assessedAt", equalTo("2026-03-01"));
        assertTrue(id.startsWith("asm_"));
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
