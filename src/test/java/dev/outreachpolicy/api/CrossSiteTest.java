package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the no-key mode from a browser: a page on another site POSTing {@code text/plain} or a form to the
 * service on the victim's loopback (cross-site request forgery), or reaching it under its own host name (DNS
 * rebinding). All created suppressions, reloaded rules or deleted entries before.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class CrossSiteTest {
    private static final String EVIL = "http://evil.example";

    private static String ownOrigin() { return "http://localhost:" + RestAssured.port; }

    @Test
    void aBodyOfAnotherContentTypeIs415() {
        given().contentType("text/plain").body("{\"domain\": \"victim-" + System.nanoTime() + ".example\"}").post("/v1/suppressions")
            .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
        given().contentType("application/x-www-form-urlencoded").formParam("x", "y").post("/v1/decisions")
            .then().statusCode(415).contentType("application/problem+json");
        given().contentType("application/json").body("{}").post("/v1/suppressions:import")
            .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aCrossSiteOriginCannotWrite() {
        String domain = "victim-" + System.nanoTime() + ".example";
        given().header("Origin", EVIL).contentType("application/json").body("{\"domain\": \"" + domain + "\"}").post("/v1/suppressions")
            .then().statusCode(403).contentType("application/problem+json").body("errors.pointer", hasItem("/headers/Origin"));
        given().queryParam("domain", domain).get("/v1/suppressions").then().statusCode(200).body("items.size()", equalTo(0));
        given().header("Origin", EVIL).post("/v1/rulesets/reload").then().statusCode(403);
        given().header("Origin", EVIL).contentType("text/csv").body("email\na@b.com\n").post("/v1/suppressions:import").then().statusCode(403);
        given().header("Origin", EVIL).contentType("text/plain").queryParam("date", "2026-01-01").body("+442079460000\n")
            .post("/v1/registers/TPS").then().statusCode(403);
        given().header("Origin", "null").contentType("application/json").body("{\"ref\": \"crm:x\"}").post("/v1/suppressions")
            .then().statusCode(403);
        given().header("Sec-Fetch-Site", "cross-site").contentType("application/json").body("{\"ref\": \"crm:x\"}").post("/v1/suppressions")
            .then().statusCode(403).body("errors.pointer", hasItem("/headers/Sec-Fetch-Site"));
    }

    @Test
    void theServicesOwnPagesAndNonBrowserClientsStillWrite() {
        given().header("Origin", ownOrigin()).header("Sec-Fetch-Site", "same-origin").contentType("application/json")
            .body("{\"ref\": \"crm:same-origin-" + System.nanoTime() + "\"}").post("/v1/suppressions").then().statusCode(201);
        given().contentType("application/json").body("{\"ref\": \"crm:curl-" + System.nanoTime() + "\"}").post("/v1/suppressions")
            .then().statusCode(201);
        var page = given().get("/legal").then().statusCode(200).extract();
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        org.junit.jupiter.api.Assertions.assertTrue(token.find(), "the page's forms carry the session's CSRF token");
        given().header("Origin", ownOrigin()).cookie(BrowserSessions.COOKIE, page.cookie(BrowserSessions.COOKIE))
            .contentType("application/x-www-form-urlencoded").formParam("request", "{\"step\": \"NOPE\"}").formParam("csrf", token.group(1))
            .post("/legal/try").then().statusCode(200);
    }

    @Test
    void aForeignHostIsRefusedEvenFromLoopback() {
        String id = given().contentType("application/json").body("{\"ref\": \"crm:rebind-" + System.nanoTime() + "\"}")
            .post("/v1/suppressions").then().statusCode(201).extract().path("id");
        given().header("Host", "evil.example").delete("/v1/suppressions/" + id).then().statusCode(403)
            .contentType("application/problem+json").body("errors.pointer", hasItem("/headers/Host"));
        given().header("Host", "evil.example").get("/v1/rules").then().statusCode(403);
        given().header("Host", "127.0.0.1:" + RestAssured.port).get("/v1/rules").then().statusCode(200);
        given().header("Host", "[::1]:" + RestAssured.port).get("/v1/rules").then().statusCode(200);
        given().header("Host", "127.0.0.1.evil.example").get("/v1/rules").then().statusCode(403);
        given().delete("/v1/suppressions/" + id).then().statusCode(204);
    }

    /** Java's default HTTP client upgrades to HTTP/2, which names the host in :authority, not Host (the ITs' probe). */
    @Test
    void anHttp2RequestToTheServicesOwnHostIsServed() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        for (int i = 0; i < 2; i++) {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + RestAssured.port + "/v1/rules")).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            org.junit.jupiter.api.Assertions.assertEquals(200, r.statusCode(), r.version() + ": " + r.body());
        }
    }

    @Test
    void corsIsOffUnlessConfigured() {
        given().header("Origin", EVIL).header("Access-Control-Request-Method", "POST").options("/v1/suppressions").then()
            .header("Access-Control-Allow-Origin", nullValue());
    }
}
