package dev.outreachpolicy.suppression;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The global block list: an opt-out is a hard block at once, stored only as a keyed hash, never duplicated. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class SuppressionApiTest {
    @Inject
    DataSource db;

    private static String decisionFor(String email, String ref) throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json"))
            .replace("jane.doe@acme.co.uk", email).replace("crm:0042", ref);
    }

    @Test
    void theCsvImportTakesTheFileAsTheBodyOrAsAMultipartFormAndAListNeedsAQuery() throws Exception {
        String run = Long.toString(System.nanoTime());
        Path csv = Files.createTempFile("list", ".csv");
        Files.writeString(csv, "email,scope,source\nmulti-" + run + "@acme.co.uk,ALL,import test\nref-" + run + "@acme.co.uk,EMAIL,import test\n");
        given().multiPart("file", csv.toFile(), "text/csv").post("/v1/suppressions:import").then().statusCode(200)
            .body("rows", equalTo(2)).body("created", equalTo(2));
        given().contentType("text/csv").body(Files.readString(csv)).post("/v1/suppressions:import").then().statusCode(200)
            .body("rows", equalTo(2)).body("existing", equalTo(2));
        given().get("/v1/suppressions").then().statusCode(400).body("errors[0].pointer", equalTo("/email"))
            .body("detail", org.hamcrest.Matchers.containsString("one of phone, ref or domain"));
    }

    @Test
    void anOptOutBlocksTheNextDecisionAndIsListedCaseInsensitively() throws Exception {
        String email = "opt.out." + System.nanoTime() + "@acme.co.uk";
        given().contentType("application/json").body(decisionFor(email, "crm:s1")).post("/v1/decisions").then()
            .body("outcome", equalTo("PERMIT"));
        given().contentType("application/json").body("{\"email\": \"  " + email.toUpperCase() + " \", \"scope\": \"ALL\", \"source\": \"unsubscribe-link\"}")
            .post("/v1/suppressions").then().statusCode(201).body("id", notNullValue()).body("recordedAt", notNullValue());
        given().contentType("application/json").body(decisionFor(email, "crm:s1")).post("/v1/decisions").then()
            .statusCode(200)
            .body("outcome", equalTo("DENY"))
            .body("regimes", hasItem("SUPPRESSION"))
            .body("reasons.find { it.regime == 'SUPPRESSION' }.rule", equalTo("suppression.block"))
            .body("obligations.code", hasItem("SUPPRESS_IMMEDIATELY"));
        given().queryParam("email", email.toUpperCase()).get("/v1/suppressions").then().statusCode(200)
            .body("items", hasSize(1)).body("items[0].scope", equalTo("ALL"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM suppressions WHERE masked LIKE '%" + email.substring(1) + "%' OR source LIKE '%" + email + "%'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "the raw address must not be stored");
        }
    }

    @Test
    void repeatingAnEntryAnswers200WithTheSameEntry() {
        String body = "{\"ref\": \"crm:dup-" + System.nanoTime() + "\", \"scope\": \"EMAIL\"}";
        String id = given().contentType("application/json").body(body).post("/v1/suppressions").then().statusCode(201).extract().path("id");
        given().contentType("application/json").body(body).post("/v1/suppressions").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void aFutureOptOutDateAndAnEntryWithoutIdentifierAre400() {
        String future = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        given().contentType("application/json").body("{\"email\": \"a@b.com\", \"at\": \"" + future + "\"}").post("/v1/suppressions")
            .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/at"));
        given().contentType("application/json").body("{\"scope\": \"ALL\", \"source\": \"form\"}").post("/v1/suppressions")
            .then().statusCode(400).contentType("application/problem+json").body("errors.pointer", hasItem("/email"));
        given().contentType("application/json").body("{\"email\": \"a@b.com\", \"scope\": \"FAX\"}").post("/v1/suppressions")
            .then().statusCode(400).body("errors.pointer", hasItem("/scope"));
    }

    @Test
    void aScopedEntryBlocksOnlyItsChannelAndADomainEntryBlocksTheCompany() throws Exception {
        String ref = "crm:sms-" + System.nanoTime();
        given().contentType("application/json").body("{\"ref\": \"" + ref + "\", \"scope\": \"SMS\"}").post("/v1/suppressions").then().statusCode(201);
        given().contentType("application/json").body(decisionFor("x" + System.nanoTime() + "@acme.co.uk", ref)).post("/v1/decisions").then()
            .body("outcome", equalTo("PERMIT"));
        String domain = "blocked" + System.nanoTime() + ".example";
        given().contentType("application/json").body("{\"domain\": \"" + domain + "\", \"scope\": \"ALL\"}").post("/v1/suppressions").then().statusCode(201);
        given().contentType("application/json").body(decisionFor("anyone@" + domain, "crm:d1")).post("/v1/decisions").then()
            .body("outcome", equalTo("DENY")).body("regimes", hasItem("SUPPRESSION"));
    }

    @Test
    void phonesMatchOnTheirE164Form() throws Exception {
        given().contentType("application/json").body("{\"phone\": \"020 7946 0999\", \"country\": \"GB\", \"scope\": \"PHONE\"}")
            .post("/v1/suppressions").then().statusCode(201);
        given().queryParam("phone", "+442079460999").get("/v1/suppressions").then().statusCode(200).body("items", hasSize(1))
            .body("items[0].identifier", equalTo("+44 ***"));
    }

    @Test
    void csvImportRecordsEveryRowOrNone() {
        String n = String.valueOf(System.nanoTime());
        given().contentType("text/csv").body("email,scope,source\nbulk1-" + n + "@x.com,ALL,crm-export\nbulk2-" + n + "@x.com,EMAIL,crm-export\n")
            .post("/v1/suppressions:import").then().statusCode(200).body("created", equalTo(2));
        given().contentType("text/csv").body("email,scope\nok-" + n + "@x.com,ALL\nnot-an-address,ALL\n")
            .post("/v1/suppressions:import").then().statusCode(400).body("errors.pointer", hasItem("/line/3/email"));
        given().queryParam("email", "ok-" + n + "@x.com").get("/v1/suppressions").then().body("items", hasSize(0));
        given().get("/v1/suppressions:export").then().statusCode(200).contentType("text/csv");
    }
}
