package dev.outreachpolicy.plan;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /v1/plans}: every cell is the single decision for its step and channel, recorded as one. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class PlanApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> COMPARED = List.of("outcome", "regimes", "reasons", "obligations", "missingFacts", "validUntil");

    /** The contract's example without step and channel, for another person. */
    static ObjectNode planBody(String ref, String email) throws Exception {
        ObjectNode body = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json")));
        body.remove("step");
        body.remove("channel");
        ((ObjectNode) body.get("prospect")).put("ref", ref).put("email", email);
        return body;
    }

    static JsonNode post(String path, JsonNode body) throws Exception {
        return JSON.readTree(given().contentType("application/json").body(body.toString()).post(path).then()
            .statusCode(200).extract().asString());
    }

    @Test
    void theContractExampleGivesFourteenCellsEachTheSingleDecisionAndRecordedAsIt() throws Exception {
        ObjectNode body = planBody("crm:plan-" + System.nanoTime(), "jane.doe@acme.co.uk");
        JsonNode plan = post("/v1/plans", body);
        assertTrue(plan.get("planId").asText().matches("pln_[0-9A-HJKMNP-TV-Z]{26}"), plan.get("planId").asText());
        assertEquals(body.at("/prospect/ref").asText(), plan.get("prospectRef").asText());
        assertEquals("2026-11-22T10:00:00Z", plan.get("asOf").asText());
        JsonNode cells = plan.get("cells");
        assertEquals(14, cells.size());
        List<JsonNode> allowed = new ArrayList<>();
        String earliest = null;
        for (JsonNode cell : cells) {
            ObjectNode single = body.deepCopy();
            single.put("step", cell.get("step").asText());
            if (!cell.get("channel").isNull()) {
                single.put("channel", cell.get("channel").asText());
            }
            JsonNode decision = post("/v1/decisions", single);
            for (String field : COMPARED) {
                assertEquals(decision.get(field), cell.get(field), cell.get("step") + "/" + cell.get("channel") + ": " + field);
            }
            assertEquals(plan.get("rulesetVersion"), cell.get("rulesetVersion"));
            String id = cell.get("decisionId").asText();
            given().get("/v1/decisions/" + id).then().statusCode(200)
                .body("decisionId", equalTo(id)).body("outcome", equalTo(cell.get("outcome").asText()))
                .body("step", equalTo(cell.get("step").asText()));
            if (cell.get("outcome").asText().equals("PERMIT")) {
                ObjectNode a = JSON.createObjectNode().put("step", cell.get("step").asText());
                if (!cell.get("channel").isNull()) {
                    a.put("channel", cell.get("channel").asText());
                }
                allowed.add(a);
            }
            String until = cell.get("validUntil").isNull() ? null : cell.get("validUntil").asText();
            if (until != null && (earliest == null || until.compareTo(earliest) < 0)) {
                earliest = until;
            }
        }
        assertEquals(JSON.valueToTree(allowed), plan.get("allowed"));
        assertEquals(earliest, plan.get("validUntil").isNull() ? null : plan.get("validUntil").asText());
        assertTrue(plan.get("allowed").size() > 0 && plan.get("allowed").size() < 14, "the example permits some cells, not all");
    }

    @Test
    void anEmailOptOutTurnsOnlyTheEmailOutreachCellToDeny() throws Exception {
        String email = "plan.opt.out." + System.nanoTime() + "@acme.co.uk";
        ObjectNode body = planBody("crm:plan-s-" + System.nanoTime(), email);
        JsonNode before = post("/v1/plans", body);
        given().contentType("application/json").body("{\"email\": \"" + email + "\", \"scope\": \"EMAIL\", \"source\": \"reply\"}")
            .post("/v1/suppressions").then().statusCode(201);
        JsonNode after = post("/v1/plans", body);
        assertEquals(before.get("cells").size(), after.get("cells").size());
        for (int i = 0; i < after.get("cells").size(); i++) {
            JsonNode b = before.get("cells").get(i);
            JsonNode a = after.get("cells").get(i);
            boolean emailOutreach = a.get("step").asText().equals("OUTREACH") && a.get("channel").asText().equals("EMAIL");
            if (emailOutreach) {
                assertEquals("PERMIT", b.get("outcome").asText());
                assertEquals("DENY", a.get("outcome").asText());
                assertTrue(a.get("regimes").toString().contains("SUPPRESSION"), a.toString());
            } else {
                assertEquals(b.get("outcome"), a.get("outcome"), a.get("step") + "/" + a.get("channel"));
                assertEquals(b.get("reasons"), a.get("reasons"), a.get("step") + "/" + a.get("channel"));
            }
        }
        assertTrue(after.get("allowed").toString().contains("{\"step\":\"OUTREACH\",\"channel\":\"SMS\"}")
            == before.get("allowed").toString().contains("{\"step\":\"OUTREACH\",\"channel\":\"SMS\"}"));
        assertTrue(!after.get("allowed").toString().contains("\"channel\":\"EMAIL\""));
    }

    @Test
    void stepsAndChannelsLimitTheGridInTheContractsOrder() throws Exception {
        ObjectNode body = planBody("crm:plan-l-" + System.nanoTime(), "jane.doe@acme.co.uk");
        body.putArray("steps").add("OUTREACH").add("STORAGE").add("STORAGE");
        body.putArray("channels").add("PHONE").add("EMAIL");
        JsonNode plan = post("/v1/plans", body);
        assertEquals(3, plan.get("cells").size());
        assertEquals("STORAGE", plan.at("/cells/0/step").asText());
        assertTrue(plan.at("/cells/0/channel").isNull());
        assertEquals("EMAIL", plan.at("/cells/1/channel").asText());
        assertEquals("PHONE", plan.at("/cells/2/channel").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a step|{\"step\": \"OUTREACH\", \"prospect\": {\"ref\": \"a\"}}|/step",
        "a channel|{\"channel\": \"EMAIL\", \"prospect\": {\"ref\": \"a\"}}|/channel",
        "an unknown step|{\"steps\": [\"STORAGE\", \"SPAMMING\"], \"prospect\": {\"ref\": \"a\"}}|/steps/1",
        "no steps|{\"steps\": [], \"prospect\": {\"ref\": \"a\"}}|/steps",
        "channels without outreach|{\"steps\": [\"STORAGE\"], \"channels\": [\"EMAIL\"], \"prospect\": {\"ref\": \"a\"}}|/channels",
        "a bad field|{\"prospect\": {\"ref\": \"a\", \"country\": \"UK\"}}|/prospect/country",
        "an unknown field|{\"prospect\": {\"ref\": \"a\"}, \"chanels\": [\"EMAIL\"]}|/chanels",
        "no ref|{\"prospect\": {}}|/prospect/ref",
        "not an object|[1]|/"})
    void badInputIsOne400ForTheWholePlanAndRecordsNothing(String kind, String body, String pointer) {
        String ref = "crm:plan-bad-" + System.nanoTime();
        given().contentType("application/json").body(body.replace("\"a\"", "\"" + ref + "\"")).post("/v1/plans").then()
            .statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem(pointer));
        given().queryParam("ref", ref).get("/v1/decisions").then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstPlan() throws Exception {
        String key = "plan-retry-" + System.nanoTime();
        String body = planBody("crm:plan-i-" + System.nanoTime(), "jane.doe@acme.co.uk").toString();
        String first = given().header("Idempotency-Key", key).contentType("application/json").body(body).post("/v1/plans")
            .then().statusCode(200).body("planId", matchesPattern("pln_.*")).extract().path("planId");
        given().header("Idempotency-Key", key).contentType("application/json").body(body).post("/v1/plans")
            .then().statusCode(200).body("planId", equalTo(first));
    }
}
