package dev.outreachpolicy.registers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Attack: an empty TPS file dated newer replaced the real register and turned a listed number into PERMIT; then a file
 * that spelt a few numbers many ways passed the guard, which counted lines, not numbers.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class RegisterGuardTest {
    @Inject
    DataSource db;

    @Test
    void anEmptyOrShrinkingRegisterIsRefusedUnlessForced() throws Exception {
        StringBuilder twenty = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            twenty.append(String.format("+4420794608%02d%n", i));
        }
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            try {
                given().contentType("text/plain").queryParam("date", "2026-01-01").queryParam("force", "true").body(twenty.toString())
                    .post("/v1/registers/CTPS").then().statusCode(201).body("numbers", equalTo(20));
                s.execute("UPDATE register_imports SET file_date = DATE '2999-01-01' WHERE register = 'CTPS' AND file_date = DATE '2026-01-01' AND numbers = 20");
                given().contentType("text/plain").queryParam("date", "2026-01-02").body("# nothing\n").post("/v1/registers/CTPS").then()
                    .statusCode(422).contentType("application/problem+json").body("detail", containsString("lists no number"));
                given().contentType("text/plain").queryParam("date", "2026-01-02").body("+442079460800\n+442079460801\n").post("/v1/registers/CTPS")
                    .then().statusCode(422).body("detail", containsString("shrink by 90%"));
                // Twenty lines, but two numbers, each spelt several ways: the register would shrink from twenty numbers to two.
                StringBuilder twoNumbers = new StringBuilder();
                String[] spellings = {"+4420794608%02d", "020 7946 08%02d", "+44 20 7946 08%02d", "02079460 8%02d", "(020) 7946 08%02d"};
                for (int i = 0; i < 20; i++) {
                    twoNumbers.append(String.format(spellings[i % spellings.length], i % 2)).append('\n');
                }
                given().contentType("text/plain").queryParam("date", "2026-01-02").body(twoNumbers.toString()).post("/v1/registers/CTPS")
                    .then().statusCode(422).contentType("application/problem+json").body("detail", containsString("lists 2 distinct numbers"))
                    .body("detail", containsString("shrink by 90%"));
                given().contentType("text/plain").queryParam("date", "2026-01-02").queryParam("force", "maybe").body("+442079460800\n")
                    .post("/v1/registers/CTPS").then().statusCode(400);
                given().contentType("text/plain").queryParam("date", "2026-01-02").queryParam("force", "true").body("+442079460800\n")
                    .post("/v1/registers/CTPS").then().statusCode(201).body("numbers", equalTo(1));
            } finally {
                s.execute("DELETE FROM register_imports WHERE register = 'CTPS' AND file_date IN (DATE '2999-01-01', DATE '2026-01-02')");
            }
        }
    }
}
