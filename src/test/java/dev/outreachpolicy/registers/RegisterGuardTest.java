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

/** Attack: an empty TPS file dated newer replaced the real register and turned a listed number into PERMIT. */
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
