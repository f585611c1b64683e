package dev.outreachpolicy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The legal page in a real browser: Debian's headless chromium driven through Debian's chromedriver (both paths set,
 * so nothing is downloaded). It checks the rules and coverage a legal reader sees, tries a decision through the form,
 * and keeps a screenshot in {@code target/screenshots/legal-page.png}. {@code .ci/run} installs both packages.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class LegalPageTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TestHTTPResource("/legal")
    URL page;

    @Test
    void theFormAnswersWithTheOutcomeReasonsAndTrace() throws Exception {
        String request = Files.readString(Path.of("src/test/resources/contract-example.json")).replace("\"CORPORATE\"", "\"INDIVIDUAL\"");
        var page = io.restassured.RestAssured.given().get("/legal").then().statusCode(200).extract();
        String session = page.cookie(BrowserSessions.COOKIE);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.asString());
        assertTrue(token.find(), "the page's forms carry a CSRF token");
        String csrf = token.group(1);
        io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("request", request)
            .cookie(BrowserSessions.COOKIE, session).post("/legal/try").then().statusCode(403);
        String html = io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded").formParam("request", request)
            .cookie(BrowserSessions.COOKIE, session).formParam("csrf", csrf)
            .post("/legal/try").then().statusCode(200).contentType("text/html").extract().asString();
        assertTrue(html.contains("id=\"outcome\">DENY<"), html.length() > 3000 ? html.substring(html.length() - 3000) : html);
        assertTrue(html.contains("uk-pecr.email.individual-needs-consent"));
        String invalid = io.restassured.RestAssured.given().contentType("application/x-www-form-urlencoded")
            .cookie(BrowserSessions.COOKIE, session).formParam("csrf", csrf)
            .formParam("request", "{\"step\": \"NOPE\"}").post("/legal/try").then().statusCode(200).extract().asString();
        assertTrue(invalid.contains("/prospect/ref") && invalid.contains("/step"), "the form lists the invalid fields");
    }

    /** Headless Debian chromium through Debian's chromedriver; the test is skipped when they are not installed. */
    static WebDriver chromium() throws java.io.IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver; .ci/run does)");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1400,2200", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Keeps a screenshot of what the browser shows under target/screenshots. */
    static void screenshot(WebDriver browser, String name) throws java.io.IOException {
        Path shot = Path.of("target/screenshots/" + name + ".png");
        Files.createDirectories(shot.getParent());
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the page is kept");
    }

    @Test
    void aLegalReaderSeesTheRulesAndTriesADecision() throws Exception {
        WebDriver browser = chromium();
        try {
            browser.get(page.toString());
            String rules = browser.findElement(By.id("rules")).getText();
            assertTrue(rules.contains("uk-pecr.call.register-screening"), "the rules list names the PECR screening rule");
            assertTrue(rules.contains("CASL") && rules.contains("WA_CEMA") && rules.contains("NOT_COVERED"));
            String coverage = browser.findElement(By.id("coverage")).getText();
            assertTrue(coverage.contains("0 fail"), coverage);
            assertTrue(coverage.contains("rules/uk/pecr-calls.drl"), coverage);

            String request = Files.readString(Path.of("src/test/resources/contract-example.json")).replace("\"CORPORATE\"", "\"INDIVIDUAL\"");
            ((JavascriptExecutor) browser).executeScript("document.getElementById('request').value = arguments[0];", request);
            browser.findElement(By.id("evaluate")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
            assertEquals("DENY", browser.findElement(By.id("outcome")).getText());
            assertTrue(browser.findElement(By.id("reasons")).getText().contains("uk-pecr.email.individual-needs-consent"));
            assertTrue(browser.findElement(By.id("trace")).getText().contains("rules/uk/pecr-email.drl"));

            screenshot(browser, "legal-page");
        } finally {
            browser.quit();
        }
    }
}
