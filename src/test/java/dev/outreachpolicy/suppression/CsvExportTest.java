package dev.outreachpolicy.suppression;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Attack: sources beginning with {@code =}, {@code +}, {@code -} or {@code @} were exported as formulas, and a newline
 * in a source forged a row. The export is RFC 4180 with formula cells guarded; the import reads quoted cells.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class CsvExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void formulasAreGuardedAndANewlineCannotForgeARow() throws Exception {
        String n = String.valueOf(System.nanoTime());
        Map<String, String> sources = Map.of(
            "crm:csv-eq-" + n, "=HYPERLINK(\"http://evil.example\",\"click\")",
            "crm:csv-plus-" + n, "+1+1",
            "crm:csv-minus-" + n, "-2+3",
            "crm:csv-at-" + n, "@SUM(A1:A9)",
            "crm:csv-nl-" + n, "web form\nforged-id,EMAIL,x,k,00,ALL,evil,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z");
        for (var e : sources.entrySet()) {
            given().contentType("application/json").body(JSON.createObjectNode().put("ref", e.getKey()).put("source", e.getValue()).toString())
                .post("/v1/suppressions").then().statusCode(201);
        }
        String csv = given().get("/v1/suppressions:export").then().statusCode(200).contentType("text/csv").extract().asString();
        List<CSVRecord> records;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv))
            .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            records = p.getRecords();
        }
        assertTrue(records.stream().noneMatch(r -> r.get("id").equals("forged-id")), "a newline in a source forged a row");
        Map<String, String> exported = records.stream().collect(Collectors.toMap(r -> r.get("id"), r -> r.get("source"), (a, b) -> a));
        for (CSVRecord r : records) {
            String source = r.get("source");
            assertTrue(source.isEmpty() || "=+-@".indexOf(source.charAt(0)) < 0, "formula cell exported: " + source);
        }
        assertTrue(exported.containsValue("'=HYPERLINK(\"http://evil.example\",\"click\")"));
        assertTrue(exported.containsValue("'@SUM(A1:A9)"));
        assertTrue(exported.containsValue("web form\nforged-id,EMAIL,x,k,00,ALL,evil,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z"));
    }

    @Test
    void theImportReadsQuotedCellsPerRfc4180() {
        String n = String.valueOf(System.nanoTime());
        given().contentType("text/csv").body("ref,scope,source\r\n\"crm:q-" + n + "\",ALL,\"crm export, \"\"daily\"\"\"\r\n")
            .post("/v1/suppressions:import").then().statusCode(200).body("created", equalTo(1));
        given().queryParam("ref", "crm:q-" + n).get("/v1/suppressions").then().statusCode(200)
            .body("items.source", hasItem("crm export, \"daily\""));
        given().contentType("text/csv").body("ref,source\n\"crm:unclosed,x\n").post("/v1/suppressions:import").then().statusCode(400)
            .contentType("application/problem+json");
    }
}
