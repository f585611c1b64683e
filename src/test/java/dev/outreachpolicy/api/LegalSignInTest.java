package dev.outreachpolicy.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The legal page with keys set, as in production: refused until a browser signs in with a legal key; then the
 * reader resolves a queued REVIEW in Chromium and the decision's record shows the verdict and who gave it.
 */
@QuarkusTest
@TestProfile(KeysProfile.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class LegalSignInTest {
    @TestHTTPResource("/legal")
    URL page;

    /** A Japanese controller writing to a prospect in Japan: no encoded regime covers it, so a person decides. */
    private static String reviewRequest() throws Exception {
        return """
            {"step": "OUTREACH", "channel": "EMAIL", "purpose": "B2B prospecting", "campaign": "q4-jp",
             "controller": {"country": "JP", "publicAuthority": false, "ccpaBusiness": false},
             "prospect": {"ref": "crm:review-%d", "email": "k.sato@example.co.jp", "country": "JP", "subscriberType": "CORPORATE"},
             "basis": {"article6": "LEGITIMATE_INTEREST"},
             "data": {"categories": ["NAME", "WORK_EMAIL", "JOB_TITLE", "COMPANY"], "publiclyAvailable": false},
             "message": {"commercial": true, "unsubscribeLink": true, "postalAddress": true, "senderIdentified": true,
                         "subjectMisleading": false, "headerMisleading": false, "relevantToRole": true}}
            """.formatted(System.nanoTime());
    }

    private static String queuedReview() throws Exception {
        JsonPath d = given().header("Authorization", "Bearer " + KeysProfile.AGENT).contentType("application/json").body(reviewRequest())
            .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals("REVIEW", d.getString("outcome"), d.prettify());
        return d.getString("decisionId");
    }

    @Test
    void withoutSigningInThePageIsRefused() {
        given().redirects().follow(false).get("/legal").then().statusCode(303).header("Location", org.hamcrest.Matchers.endsWith("/legal/sign-in"));
        given().contentType("application/x-www-form-urlencoded").formParam("request", "{}").post("/legal/try").then().statusCode(401);
        given().cookie(BrowserSessions.COOKIE, "made-up").redirects().follow(false).get("/legal").then().statusCode(303);
        given().get("/v1/rules").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        // The session cookie is honoured on the page only: the API still wants a key.
        String cookie = given().contentType("application/x-www-form-urlencoded").formParam("key", KeysProfile.LEGAL).formParam("name", "Ann")
            .redirects().follow(false).post("/legal/sign-in").then().statusCode(303).extract().cookie(BrowserSessions.COOKIE);
        given().cookie(BrowserSessions.COOKIE, cookie).get("/v1/rules").then().statusCode(401);
    }

    @Test
    void signingInGivesASecureHttpOnlyStrictCookieAndOnlyForLegalKeys() {
        String setCookie = given().contentType("application/x-www-form-urlencoded").formParam("key", KeysProfile.LEGAL).formParam("name", "Ann")
            .redirects().follow(false).post("/legal/sign-in").then().statusCode(303).extract().header("Set-Cookie");
        assertTrue(setCookie.startsWith(BrowserSessions.COOKIE + "="), setCookie);
        String attributes = setCookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(attributes.contains("httponly") && attributes.contains("secure") && attributes.contains("samesite=strict"), setCookie);
        String agent = given().contentType("application/x-www-form-urlencoded").formParam("key", KeysProfile.AGENT).formParam("name", "Bob")
            .post("/legal/sign-in").then().statusCode(401).extract().asString();
        assertTrue(agent.contains("agent key"), "an agent key is refused, saying why");
        given().contentType("application/x-www-form-urlencoded").formParam("key", "wrong").formParam("name", "Bob")
            .post("/legal/sign-in").then().statusCode(401);
    }

    @Test
    void aVerdictWithoutTheSessionsTokenIsRefusedAndNotRecorded() throws Exception {
        String id = queuedReview();
        String cookie = given().contentType("application/x-www-form-urlencoded").formParam("key", KeysProfile.LEGAL).formParam("name", "Ann")
            .redirects().follow(false).post("/legal/sign-in").then().statusCode(303).extract().cookie(BrowserSessions.COOKIE);
        given().cookie(BrowserSessions.COOKIE, cookie).contentType("application/x-www-form-urlencoded").formParam("verdict", "PERMIT")
            .formParam("rationale", "forged").formParam("csrf", "not-the-token").redirects().follow(false)
            .post("/legal/reviews/" + id).then().statusCode(403);
        List<?> reviews = given().header("Authorization", "Bearer " + KeysProfile.LEGAL).get("/v1/decisions/" + id).then()
            .statusCode(200).extract().jsonPath().getList("reviews");
        assertTrue(reviews.isEmpty(), "nothing was recorded");
    }

    @Test
    void aLegalReaderSignsInInChromiumAndResolvesAQueuedReview() throws Exception {
        String id = queuedReview();
        WebDriver browser = LegalPageTest.chromium();
        try {
            browser.get(page.toString());
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
            browser.findElement(By.id("name")).sendKeys("Ada Lovelace");
            browser.findElement(By.id("key")).sendKeys(KeysProfile.LEGAL);
            LegalPageTest.screenshot(browser, "legal-sign-in");
            browser.findElement(By.id("sign-in-button")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queued-" + id)));
            assertEquals("Ada Lovelace (legal key)", browser.findElement(By.id("signed-in-as")).getText());
            var queued = browser.findElement(By.id("queued-" + id));
            assertTrue(queued.getText().contains("scope.not-covered"), queued.getText());
            queued.findElement(By.cssSelector("input[value=DENY]")).click();
            queued.findElement(By.cssSelector("textarea.rationale")).sendKeys("Japanese law is not encoded; we do not write without advice.");
            LegalPageTest.screenshot(browser, "legal-review-queue");
            queued.findElement(By.cssSelector("button.resolve")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("review-done")));
            assertTrue(browser.findElements(By.id("queued-" + id)).isEmpty(), "the decision has left the queue");
            LegalPageTest.screenshot(browser, "legal-review-done");
        } finally {
            browser.quit();
        }
        JsonPath record = given().header("Authorization", "Bearer " + KeysProfile.LEGAL).get("/v1/decisions/" + id).then()
            .statusCode(200).extract().jsonPath();
        List<Map<String, Object>> reviews = record.getList("reviews");
        assertEquals(1, reviews.size(), record.prettify());
        assertEquals("DENY", reviews.get(0).get("verdict"));
        assertTrue(String.valueOf(reviews.get(0).get("reviewer")).startsWith("Ada Lovelace (legal key)"), String.valueOf(reviews.get(0)));
        assertFalse(String.valueOf(reviews.get(0).get("rationale")).isBlank());
    }
}
