package dev.outreachpolicy.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the database: 200 with the ruleset, the configuration and the database up; 503 while PostgreSQL
 * refuses the service's database (its connections are cut and new ones refused, as when the server is stopped or
 * the database is taken offline); 200 again once it answers. Liveness stays 200 throughout: a database outage must
 * take an instance out of the Service, never get it restarted.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class HealthTest {

    @Test
    void readyWhenTheRulesetTheConfigurationAndTheDatabaseAreUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
            .body("checks.name", hasItems("ruleset", "configuration", "Database connections health check"))
            .body("checks.find { it.name == 'ruleset' }.data.version", org.hamcrest.Matchers.startsWith("sha256:"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
    }

    @Test
    void notReadyWhileTheDatabaseRefusesTheServiceAndReadyAgainAfter() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        String database = url.replaceFirst("^jdbc:postgresql://[^/]+/([^?]+).*$", "$1");
        String admin = url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]+", "$1template1");
        given().get("/q/health/ready").then().statusCode(200);
        try (Connection c = DriverManager.getConnection(admin, user, password); Statement s = c.createStatement()) {
            try {
                s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS false");
                try (PreparedStatement cut = c.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                    cut.setString(1, database);
                    cut.execute();
                }
                awaitReadiness(503, Duration.ofSeconds(20));
                given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'ruleset' }.status", equalTo("UP"));
                given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            } finally {
                s.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS true");
            }
        }
        awaitReadiness(200, Duration.ofSeconds(60));
        given().contentType("application/json").body(java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/contract-example.json")))
            .post("/v1/decisions").then().statusCode(200);
    }

    private static void awaitReadiness(int status, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        int last = -1;
        while (System.nanoTime() < end) {
            last = given().get("/q/health/ready").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(status, last, "/q/health/ready within " + limit);
    }
}
