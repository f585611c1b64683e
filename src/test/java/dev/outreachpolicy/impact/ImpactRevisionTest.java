package dev.outreachpolicy.impact;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.cli.PolicyCli;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A candidate the legal team already has: a branch of the rules repository. The service serves the rules folder of a
 * git repository; a branch shortens TPS freshness from 28 to 14 days. Impact on that revision, asked of the running
 * service (by the API and by the {@code impact --url} command), lists exactly the recorded decisions it flips, and
 * the serving rules do not change.
 */
@QuarkusTest
@TestProfile(ImpactRevisionTest.RulesRepository.class)
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ImpactRevisionTest {
    static final Path REPO = Path.of("target/test-rules-repository");

    /** The service's rules folder is rules/ in a git repository with a branch tps-14-days. */
    public static class RulesRepository implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                TestFolders.deleteTree(REPO);
                TestFolders.copyTree(Path.of("rules"), REPO.resolve("rules"));
                git("init", "-q", "-b", "main");
                git("add", ".");
                git("commit", "-q", "-m", "rules as served");
                git("checkout", "-q", "-b", "tps-14-days");
                Path policy = REPO.resolve("rules/policy.yaml");
                Files.writeString(policy, Files.readString(policy).replace("uk-pecr.register-screening-days:\n    value: 28",
                    "uk-pecr.register-screening-days:\n    value: 14"));
                git("commit", "-q", "-am", "screen TPS every 14 days");
                git("checkout", "-q", "main");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("policy.rules-dir", REPO.resolve("rules").toString(), "policy.rules.watch", "false");
        }

        static void git(String... args) throws IOException, InterruptedException {
            List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", REPO.toString(), "-c", "user.name=test", "-c", "user.email=test@example.invalid"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("git " + String.join(" ", args) + " failed");
            }
        }
    }

    private static final String CALL = """
        {"asOf": "2026-11-22T10:00:00Z", "step": "OUTREACH", "channel": "PHONE", "campaign": "impact-revision",
         "controller": {"country": "GB"},
         "prospect": {"ref": "REF", "phone": "+4420794601NN", "country": "GB", "subscriberType": "SOLE_TRADER",
                      "tps": "NOT_REGISTERED", "tpsCheckedAt": "CHECKED", "lastEngagementAt": "2026-09-01"},
         "basis": {"article6": "LEGITIMATE_INTEREST", "lia": {"purposeTest": true, "necessityTest": true, "balancingTest": true,
                   "assessedAt": "2026-01-10", "steps": ["OUTREACH"]}},
         "data": {"categories": ["NAME", "WORK_PHONE", "COMPANY"]},
         "message": {"commercial": true, "senderIdentified": true, "relevantToRole": true}}
        """;

    @TestHTTPResource("/")
    URL base;

    private static String decide(String ref, String checked, int n) {
        return given().contentType("application/json")
            .body(CALL.replace("REF", ref).replace("CHECKED", checked).replace("NN", String.format("%02d", n)))
            .post("/v1/decisions").then().statusCode(200).extract().path("decisionId");
    }

    @Test
    void impactOnABranchListsExactlyTheDecisionsItFlipsWhileTheServiceKeepsServing() throws Exception {
        Thread.sleep(5);
        Instant start = Instant.now();
        String run = Long.toString(System.nanoTime());
        String flips = decide("crm:rev-a-" + run, "2026-11-02", 1);
        String flipsToo = decide("crm:rev-b-" + run, "2026-11-05", 2);
        String stays = decide("crm:rev-c-" + run, "2026-11-20", 3);
        String serving = given().get("/v1/rulesets/current").then().statusCode(200).extract().path("version");

        JsonPath report = given().contentType("application/json").body("{\"revision\": \"tps-14-days\", \"from\": \"" + start + "\"}")
            .post("/v1/impact").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(flips, flipsToo).stream().sorted().toList(),
            report.getList("changes.decisionId", String.class).stream().sorted().toList(), report.prettify());
        assertEquals(3, report.getInt("examined"));
        assertTrue(report.getString("candidate").startsWith("revision tps-14-days ("), report.getString("candidate"));
        assertEquals("DENY", report.getString("changes.find { it.decisionId == '" + flips + "' }.after.outcome"));
        assertEquals(serving, given().get("/v1/rulesets/current").then().extract().path("version"), "the serving rules did not change");

        given().contentType("application/json").body("{\"revision\": \"no-such-branch\"}").post("/v1/impact")
            .then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body("{\"revision\": \"--output=/tmp/x\"}").post("/v1/impact")
            .then().statusCode(400);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PolicyCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {"impact", "--url", base.toString(), "--revision", "tps-14-days", "--from", start.toString()});
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, code, "exit 3: some decisions would change; " + printed + err.toString(StandardCharsets.UTF_8));
        assertTrue(printed.contains(flips) && printed.contains(flipsToo), printed);
        assertFalse(printed.contains(stays), printed);
        assertTrue(printed.contains("2 would change"), printed);

        int unreachable = new PolicyCli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {"impact", "--url", "http://127.0.0.1:9", "--revision", "tps-14-days"});
        assertEquals(1, unreachable);
    }
}
