package dev.outreachpolicy.serving;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A bad edit never takes the service down and a good one goes live without a restart: reload answers 422 with the
 * file and line while the old ruleset keeps serving, 200 with a new version once repaired, and the watcher picks up
 * a further edit within 10 seconds with no call at all.
 */
@QuarkusTest
@TestProfile(ReloadProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ReloadApiTest {
    private static String current() {
        return given().get("/v1/rulesets/current").then().statusCode(200).extract().path("version");
    }

    private static String decisionVersion() throws Exception {
        return given().contentType("application/json").body(Files.readString(Path.of("src/test/resources/contract-example.json")))
            .post("/v1/decisions").then().statusCode(200).extract().path("rulesetVersion");
    }

    @Test
    void aBrokenFileIsRefusedWithItsLineAndTheOldRulesetKeepsServing() throws Exception {
        String before = current();
        Path file = ReloadProfile.RULES.resolve("uk/pecr-email.drl");
        String good = Files.readString(file);
        int whenLine = (int) good.substring(0, good.indexOf("\nwhen\n")).lines().count() + 2;
        Files.writeString(file, good.replaceFirst("\nwhen\n", "\nwhen\n    Request( step == )\n"));
        given().post("/v1/rulesets/reload").then()
            .statusCode(422)
            .contentType("application/problem+json")
            .body("errors[0].file", equalTo("rules/uk/pecr-email.drl"))
            .body("errors[0].line", equalTo(whenLine))
            .body("errors[0].column", greaterThan(0))
            .body("servingVersion", equalTo(before));
        assertEquals(before, decisionVersion(), "decisions keep being served by the old ruleset");

        Files.writeString(file, good);
        Path policy = ReloadProfile.RULES.resolve("policy.yaml");
        Files.writeString(policy, Files.readString(policy).replace("uk-pecr.register-screening-days:\n    value: 28",
            "uk-pecr.register-screening-days:\n    value: 14"));
        String after = given().post("/v1/rulesets/reload").then().statusCode(200).extract().path("version");
        assertNotEquals(before, after);
        assertEquals(after, decisionVersion());

        Files.writeString(policy, Files.readString(policy).replace("uk-pecr.register-screening-days:\n    value: 14",
            "uk-pecr.register-screening-days:\n    value: 21"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        String watched = current();
        while (watched.equals(after) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            watched = current();
        }
        assertNotEquals(after, watched, "the watcher reloads an edit within 10 s with no call");
        given().get("/v1/rulesets").then().statusCode(200).body("items.size()", greaterThan(2));
        given().get("/v1/rulesets/" + before).then().statusCode(200)
            .body("version", equalTo(before))
            .body("comparedWithCurrent.currentVersion", equalTo(watched))
            .body("comparedWithCurrent.changed", org.hamcrest.Matchers.contains("rules/policy.yaml"))
            .body("comparedWithCurrent.added.size()", equalTo(0));
        given().get("/v1/rulesets/sha256:0000").then().statusCode(404);
    }
}
