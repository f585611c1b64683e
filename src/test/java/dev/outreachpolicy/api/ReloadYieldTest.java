package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While a changed ruleset compiles, decision requests are let in one at a time (ReloadYield); that queue is for
 * callers the service serves. In production mode a request without a valid key is answered 401 at once, never queued
 * behind the compile.
 */
@QuarkusTest
@TestProfile(EditableRulesKeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ReloadYieldTest {
    /** Lines that a held stream reads before it answers its first ones: eight chunks of 256. */
    static final int HELD = 8 * 256;

    @Inject
    ActiveRuleset rules;

    /** A line a stream decides (the contract's example for now: an agent may not ask about a day long past). */
    static String line(int i) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(Path.of("src/test/resources/contract-example.json"))
            .replace("\"asOf\": \"2026-11-22T10:00:00Z\",", "").replace("crm:0042", "crm:held-" + i)).toString() + "\n";
    }

    /** A chunk of the stream's lines: the stream answers a chunk once it is read whole. */
    static String lines(int from, int n) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            b.append(line(i));
        }
        return b.toString();
    }

    /** Edits a rule file of the served copy (a comment), so that a reload compiles a new version. */
    static void editRules() throws Exception {
        Path file = EditableRulesKeysProfile.RULES.resolve("uk/pecr-email.drl");
        Files.writeString(file, Files.readString(file) + "\n// edited " + System.nanoTime() + "\n");
    }

    @Test
    void aRequestWithoutAValidKeyIsRefusedAtOnceWhileARulesetCompiles() throws Exception {
        String body = line(0);
        try (HeldStream held = new HeldStream(io.restassured.RestAssured.port, KeysProfile.AGENT)) {
            // a stream admitted and still open: it holds the one place decision requests get while a ruleset compiles
            // (a stream reads eight chunks of 256 lines ahead before it writes the first chunk's answers)
            assertTrue(held.send(lines(1, HELD)).answers(256).size() >= 256);
            editRules();
            CompletableFuture<Integer> reload = CompletableFuture.supplyAsync(() -> given()
                .header("Authorization", "Bearer " + KeysProfile.LEGAL).post("/v1/rulesets/reload").statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!rules.compiling() && !reload.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(rules.compiling(), "the reload is compiling");

            given().contentType("application/json").body(body).post("/v1/decisions").then()
                .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
            given().header("Authorization", "Bearer not-a-key").contentType("application/json").body(body).post("/v1/decisions:batch")
                .then().statusCode(401).contentType("application/problem+json");
            assertTrue(rules.compiling(), "both were answered while the ruleset was still compiling, not after it");
            CompletableFuture<Integer> served = CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + KeysProfile.AGENT)
                .contentType("application/json").body(body).post("/v1/decisions").statusCode());
            CompletableFuture<Integer> servedBatch = CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + KeysProfile.AGENT)
                .contentType("application/json").body("{\"items\": [" + body.strip() + "]}").post("/v1/decisions:batch").statusCode());

            assertEquals(200, reload.get(60, TimeUnit.SECONDS));
            assertEquals(200, served.get(60, TimeUnit.SECONDS), "a caller with a key waits for its place and is served");
            assertEquals(200, servedBatch.get(60, TimeUnit.SECONDS), "so is a batch (served on a worker thread)");
            List<String> answers = held.end().answers(HELD + 1);
            assertEquals(200, held.status());
            assertEquals(HELD, answers.size(), "the held stream ends normally");
        }
    }
}
