package dev.outreachpolicy.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What a Prometheus scrape of /q/metrics shows after decisions, opt-outs and reloads. */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class MetricsTest {

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void decisionsAreCountedByOutcomeStepAndRegime() throws Exception {
        String permit = Files.readString(Path.of("src/test/resources/contract-example.json"));
        String deny = permit.replace("\"CORPORATE\"", "\"INDIVIDUAL\"");
        String before = scrape();
        given().contentType("application/json").body(permit).post("/v1/decisions").then().statusCode(200);
        given().contentType("application/json").body(deny).post("/v1/decisions").then().statusCode(200);
        given().contentType("application/json").body("{\"items\": [" + permit + ", " + permit + "]}").post("/v1/decisions:batch")
            .then().statusCode(200);
        String after = scrape();
        String permits = "policy_decisions_total{outcome=\"PERMIT\",step=\"OUTREACH\"}";
        String denies = "policy_decisions_total{outcome=\"DENY\",step=\"OUTREACH\"}";
        assertTrue(value(after, permits) - value(before, permits) == 3, after);
        assertTrue(value(after, denies) - value(before, denies) == 1, after);
        String pecrDenies = "policy_decision_regimes_total{outcome=\"DENY\",regime=\"UK_PECR\"}";
        assertTrue(value(after, pecrDenies) - value(before, pecrDenies) == 1, after);
        assertTrue(after.contains("http_server_requests_seconds_bucket{method=\"POST\""), "request latency as a histogram");
        assertTrue(after.contains("le=\"0.005\""), "fixed buckets from 1 ms");
    }

    @Test
    void theServingRulesetAndTheSuppressionListAreShown() {
        String scrape = scrape();
        String version = given().get("/v1/rulesets/current").then().statusCode(200).extract().path("version");
        assertTrue(value(scrape, "policy_ruleset_info{version=\"" + version + "\"}") == 1, scrape);
        assertTrue(scrape.contains("policy_ruleset_reloads_total{result=\"failed\"}"), scrape);
        assertTrue(value(scrape, "policy_suppressions_entries") >= 0, "counted at start: " + scrape);
    }

    @Test
    void aReloadIsCountedByResult() {
        String before = scrape();
        given().post("/v1/rulesets/reload").then().statusCode(200);
        String after = scrape();
        String unchanged = "policy_ruleset_reloads_total{result=\"unchanged\"}";
        assertTrue(value(after, unchanged) - value(before, unchanged) == 1, after);
    }

    @Test
    void everySeriesTheDashboardPlotsIsServed() throws Exception {
        String permit = Files.readString(Path.of("src/test/resources/contract-example.json"));
        given().contentType("application/json").body(permit).post("/v1/decisions").then().statusCode(200);
        given().post("/v1/rulesets/reload").then().statusCode(200);
        String scrape = scrape();
        var dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of("docker/grafana-dashboard.json").toFile());
        java.util.Set<String> plotted = new java.util.TreeSet<>();
        for (var expr : dashboard.findValues("expr")) {
            Matcher m = Pattern.compile("([a-z_]+)\\{").matcher(expr.asText());
            while (m.find()) {
                plotted.add(m.group(1));
            }
        }
        plotted.remove("up"); // written by Prometheus itself, not by the service
        assertTrue(plotted.size() >= 8, plotted.toString());
        for (String series : plotted) {
            assertTrue(Pattern.compile("^" + series + "[{ ]", Pattern.MULTILINE).matcher(scrape).find(), series + " is plotted but not served");
        }
    }
}
