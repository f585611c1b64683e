package dev.outreachpolicy.suppression;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.outreachpolicy.store.StoreKeys;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Attack: an opt-out recorded under one spelling of an address was bypassed by deciding on another spelling of the
 * same address (trailing dot, Unicode or punycode domain, fullwidth letters). Every spelling must block.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class CanonicalSpellingTest {
    @Inject
    DataSource db;

    @Inject
    StoreKeys keys;

    private static String decisionFor(String email) throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json"))
            .replace("jane.doe@acme.co.uk", email).replace("crm:0042", "crm:canon-" + System.nanoTime());
    }

    private static void suppress(String field, String value) {
        given().contentType("application/json").body("{\"" + field + "\": \"" + value + "\", \"scope\": \"ALL\"}")
            .post("/v1/suppressions").then().statusCode(201);
    }

    private static void denied(String email) throws Exception {
        given().contentType("application/json").body(decisionFor(email)).post("/v1/decisions").then().statusCode(200)
            .body("outcome", equalTo("DENY")).body("regimes", hasItem("SUPPRESSION"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dot1@norm-test-{n}.example.|dot1@norm-test-{n}.example",
        "dot2@norm-test-{n}.example|dot2@norm-test-{n}.example.",
        "idn@пример-{n}.com|idn@xn---{n}.com",
        "fw{n}@acme.co.uk|ｆｗ{n}＠ＡＣＭＥ．ｃｏ．ｕｋ",
        "FW{n}@ａｃｍｅ.co.uk|fw{n}@acme.co.uk.",
    })
    void anAddressSuppressedUnderOneSpellingBlocksEveryOther(String suppressed, String decided) throws Exception {
        String n = String.valueOf(System.nanoTime());
        String s = suppressed.replace("{n}", n);
        String d = decided.replace("{n}", n);
        if (d.contains("xn---")) {
            d = "idn@" + java.net.IDN.toASCII("пример-" + n + ".com");
        }
        suppress("email", s);
        denied(d);
        given().queryParam("email", d).get("/v1/suppressions").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void aDomainEntryWithATrailingDotOrInUnicodeBlocksTheCompany() throws Exception {
        String n = String.valueOf(System.nanoTime());
        suppress("domain", "trailing-" + n + ".example.");
        denied("anyone@trailing-" + n + ".example");
        denied("anyone@TRAILING-" + n + ".example.");
        suppress("domain", "пример-" + n + ".com");
        denied("anyone@" + java.net.IDN.toASCII("пример-" + n + ".com"));
        suppress("domain", java.net.IDN.toASCII("домен-" + n + ".com"));
        denied("anyone@домен-" + n + ".com");
    }

    /** An entry recorded before canonical spelling was hashed as written: it must still block the canonical spelling. */
    @Test
    void anEntryStoredUnderTheOldSpellingStillBlocks() throws Exception {
        String n = String.valueOf(System.nanoTime());
        for (String legacy : new String[] {"old" + n + "@пример.com", "old" + n + "@acme.co.uk."}) {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO suppressions (id, kind, identifier_hash, key_id, masked, scope, source, opted_out_at, identifier_form) "
                    + "VALUES (?, 'EMAIL', ?, ?, 'o***', 'ALL', 'before-v8', ?, 1)")) {
                ps.setObject(1, UUID.randomUUID());
                ps.setBytes(2, keys.hash("EMAIL", legacy));
                ps.setString(3, keys.keyId());
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        }
        denied("old" + n + "@xn--e1afmkfd.com");
        denied("OLD" + n + "@пример.com.");
        denied("old" + n + "@acme.co.uk");
    }
}
