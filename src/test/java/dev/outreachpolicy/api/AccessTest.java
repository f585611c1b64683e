package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Roles on every endpoint: agent decides and records opt-outs; legal also reads rules, reloads, reviews; admin erases. */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class AccessTest {
    private static String bearer(String key) { return "Bearer " + key; }

    private static String example() throws Exception {
        return Files.readString(Path.of("src/test/resources/contract-example.json"));
    }

    /** The contract's example decided for now: its own asOf lies more than a day back, which an agent may not ask. */
    private static String exampleNow() throws Exception {
        return example().replace("\"asOf\": \"2026-11-22T10:00:00Z\",", "");
    }

    @Test
    void aMissingOrUnknownKeyIs401AsAProblem() throws Exception {
        given().contentType("application/json").body(example()).post("/v1/decisions").then()
            .statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
        given().header("Authorization", bearer("nope")).contentType("application/json").body(example()).post("/v1/decisions")
            .then().statusCode(401);
    }

    @Test
    void anAgentDecidesAndRecordsOptOutsButReadsNoRulesAndErasesNobody() throws Exception {
        String id = given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(exampleNow())
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/decisions/" + id).then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json")
            .body("{\"ref\": \"crm:access-" + System.nanoTime() + "\"}").post("/v1/suppressions").then().statusCode(201);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/v1/rules").then().statusCode(403)
            .contentType("application/problem+json");
        given().header("Authorization", bearer(KeysProfile.AGENT)).post("/v1/rulesets/reload").then().statusCode(403);
        given().header("Authorization", bearer(KeysProfile.AGENT)).delete("/v1/subjects/crm:x").then().statusCode(403);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/legal").then().statusCode(403);
    }

    @Test
    void aWhatIfMoreThan24HoursAheadNeedsLegal() throws Exception {
        String future = example().replace("2026-11-22T10:00:00Z", "2099-01-01T00:00:00Z");
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(future).post("/v1/decisions")
            .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", bearer(KeysProfile.LEGAL)).contentType("application/json").body(future).post("/v1/decisions")
            .then().statusCode(200).body("asOf", equalTo("2099-01-01T00:00:00Z"));
    }

    /** Attack: an agent back-dated asOf to 2022 to reach the CCPA B2B exemption, long expired. */
    @Test
    void aBackDatedAsOfMoreThan24HoursAgoNeedsLegal() throws Exception {
        String past = example().replace("2026-11-22T10:00:00Z", "2022-06-01T00:00:00Z");
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(past).post("/v1/decisions")
            .then().statusCode(403).contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("past"));
        String yesterday = example().replace("2026-11-22T10:00:00Z", java.time.Instant.now().minus(java.time.Duration.ofHours(23)).toString());
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json").body(yesterday).post("/v1/decisions")
            .then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.AGENT)).contentType("application/json")
            .body("{\"items\": [" + past + "]}").post("/v1/decisions:batch")
            .then().statusCode(200).body("items[0].status", equalTo(403));
        given().header("Authorization", bearer(KeysProfile.LEGAL)).contentType("application/json").body(past).post("/v1/decisions")
            .then().statusCode(200).body("asOf", equalTo("2022-06-01T00:00:00Z"));
    }

    /** Attack: an agent replayed legal's Idempotency-Key and body, and got legal's what-if answer. */
    @Test
    void anIdempotencyKeyIsBoundToItsCaller() throws Exception {
        String future = example().replace("2026-11-22T10:00:00Z", "2099-01-01T00:00:00Z");
        String key = "what-if-" + System.nanoTime();
        given().header("Authorization", bearer(KeysProfile.LEGAL)).header("Idempotency-Key", key).contentType("application/json")
            .body(future).post("/v1/decisions").then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.AGENT)).header("Idempotency-Key", key).contentType("application/json")
            .body(future).post("/v1/decisions").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", bearer(KeysProfile.LEGAL)).header("Idempotency-Key", key).contentType("application/json")
            .body(future).post("/v1/decisions").then().statusCode(200);
    }

    /** Attack: with keys set, /q/metrics answered anyone. Health stays open for probes, and the OpenAPI document. */
    @Test
    void metricsNeedAKeyAndHealthStaysOpen() {
        given().get("/q/metrics").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", bearer("nope")).get("/q/metrics").then().statusCode(401);
        given().header("Authorization", bearer(KeysProfile.AGENT)).get("/q/metrics").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    /**
     * The 401/403 matrix over every endpoint the service has (found by reflection on the resources, so a new endpoint is
     * in it without editing this test): no key is 401, a role below the endpoint's is 403, its role or above passes the
     * access check (whatever the endpoint then says of the dummy input).
     */
    @Test
    void everyEndpointAnswers401WithoutAKeyAnd403BelowItsRole() throws Exception {
        java.util.Map<Role, String> keys = java.util.Map.of(Role.AGENT, KeysProfile.AGENT, Role.LEGAL, KeysProfile.LEGAL, Role.ADMIN, KeysProfile.ADMIN);
        int checked = 0;
        try (var files = Files.list(Path.of("target/classes/dev/outreachpolicy/api"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList()) {
                Class<?> type = Class.forName("dev.outreachpolicy.api." + f.getFileName().toString().replace(".class", ""));
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (base == null) {
                    continue;
                }
                for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
                    String verb = m.isAnnotationPresent(jakarta.ws.rs.GET.class) ? "GET" : m.isAnnotationPresent(jakarta.ws.rs.POST.class) ? "POST"
                        : m.isAnnotationPresent(jakarta.ws.rs.DELETE.class) ? "DELETE" : m.isAnnotationPresent(jakarta.ws.rs.PUT.class) ? "PUT" : null;
                    if (verb == null) {
                        continue;
                    }
                    Allowed allowed = m.isAnnotationPresent(Allowed.class) ? m.getAnnotation(Allowed.class) : type.getAnnotation(Allowed.class);
                    org.junit.jupiter.api.Assertions.assertNotNull(allowed, type.getSimpleName() + "." + m.getName() + " declares no role");
                    jakarta.ws.rs.Path sub = m.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = (base.value() + (sub == null ? "" : (sub.value().startsWith("/") || sub.value().startsWith(":") ? "" : "/") + sub.value()))
                        .replaceAll("\\{[^}]+}", "probe-1").replace("//", "/");
                    jakarta.ws.rs.Consumes consumes = m.getAnnotation(jakarta.ws.rs.Consumes.class);
                    String type2 = consumes == null ? "application/json" : consumes.value()[0];
                    for (Role caller : new Role[] {null, Role.AGENT, Role.LEGAL, Role.ADMIN}) {
                        var req = given().contentType(type2);
                        if (caller != null) {
                            req = req.header("Authorization", bearer(keys.get(caller)));
                        }
                        if (!verb.equals("GET") && !verb.equals("DELETE")) {
                            if (type2.contains("ndjson")) {
                                req = req.body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)); // no encoder for NDJSON text
                            } else {
                                req = req.body(type2.contains("json") ? "{}" : "x=1");
                            }
                        }
                        var answer = req.request(verb, path);
                        String where = verb + " " + path + " as " + caller + ": " + answer.statusCode() + " " + answer.asString();
                        if (caller == null) {
                            org.junit.jupiter.api.Assertions.assertEquals(401, answer.statusCode(), where);
                        } else if (!caller.atLeast(allowed.value())) {
                            org.junit.jupiter.api.Assertions.assertEquals(403, answer.statusCode(), where);
                            org.junit.jupiter.api.Assertions.assertTrue(answer.asString().contains("this endpoint needs the"), where);
                        } else {
                            org.junit.jupiter.api.Assertions.assertTrue(answer.statusCode() != 401
                                && !(answer.statusCode() == 403 && answer.asString().contains("this endpoint needs the")), where);
                            org.junit.jupiter.api.Assertions.assertTrue(answer.statusCode() < 500, where);
                        }
                        checked++;
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(checked >= 100, "the matrix covers every endpoint and role: " + checked);
    }

    @Test
    void legalReadsRulesAndAdminDoesEverything() {
        given().header("Authorization", bearer(KeysProfile.LEGAL)).get("/v1/rules").then().statusCode(200).body("rulesetVersion", notNullValue());
        given().header("Authorization", bearer(KeysProfile.LEGAL)).delete("/v1/subjects/crm:x").then().statusCode(403);
        given().header("Authorization", bearer(KeysProfile.ADMIN)).delete("/v1/subjects/crm:x").then().statusCode(200);
        given().header("Authorization", bearer(KeysProfile.ADMIN)).get("/v1/suppressions:export").then().statusCode(200);
    }
}
