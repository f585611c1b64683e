package dev.outreachpolicy.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The decision records are chained by hash: the verifier (the admin endpoint and the command line's {@code verify}
 * share it) finds an edited, an inserted and a deleted record and names each; with the records restored, the chains
 * are intact again.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class RecordChainTest {
    @Inject
    DataSource db;

    private String decide(String tag) throws Exception {
        return given().contentType("application/json").body(GroupCommitTest.request(tag + "@acme.co.uk", "crm:" + tag))
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    @Test
    void anEditedAnInsertedAndADeletedRecordAreFoundAndNamed() throws Exception {
        String edited = decide("chain-edit-" + System.nanoTime());
        String deleted = decide("chain-del-" + System.nanoTime());
        String model = decide("chain-model-" + System.nanoTime());
        given().get("/v1/records/verify").then().statusCode(200).body("intact", equalTo(true));

        String inserted = "dec_01INSERTEDBYHAND000000000";
        sql("CREATE TABLE chain_test_saved AS SELECT * FROM decision_records WHERE id IN ('" + edited + "', '" + deleted + "')",
            "ALTER TABLE decision_records DISABLE TRIGGER decision_records_no_update",
            "UPDATE decision_records SET outcome = 'DENY', purpose = 'edited afterwards' WHERE id = '" + edited + "'",
            "ALTER TABLE decision_records ENABLE TRIGGER decision_records_no_update",
            "DELETE FROM decision_records WHERE id = '" + deleted + "'");
        try {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE forged AS SELECT * FROM decision_records WHERE id = '" + model + "'");
                s.execute("UPDATE forged SET id = '" + inserted + "'");
                s.execute("INSERT INTO decision_records SELECT * FROM forged");
            }
            RecordChain.Report report;
            try (Connection c = db.getConnection()) {
                report = RecordChain.verify(c);
            }
            Map<String, String> byId = report.findings().stream().filter(f -> f.decisionId() != null)
                .collect(Collectors.toMap(RecordChain.Finding::decisionId, RecordChain.Finding::kind, (a, b) -> a + "," + b));
            assertEquals("EDITED", byId.get(edited), report.findings().toString());
            assertEquals("DELETED", byId.get(deleted), report.findings().toString());
            assertEquals("INSERTED", byId.get(inserted), report.findings().toString());
            assertEquals(3, report.findings().size(), report.findings().toString());

            List<String> kinds = given().get("/v1/records/verify").then().statusCode(200).body("intact", equalTo(false))
                .extract().path("findings.kind");
            assertTrue(kinds.containsAll(List.of("EDITED", "DELETED", "INSERTED")), kinds.toString());
        } finally {
            sql("DELETE FROM decision_records WHERE id IN ('" + inserted + "', '" + edited + "')",
                "INSERT INTO decision_records SELECT * FROM chain_test_saved",
                "DROP TABLE chain_test_saved");
        }
        given().get("/v1/records/verify").then().statusCode(200).body("intact", equalTo(true));
    }
}
