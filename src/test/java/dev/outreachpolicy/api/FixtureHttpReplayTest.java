package dev.outreachpolicy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.conformance.FixtureResult;
import dev.outreachpolicy.engine.conformance.FixtureRunner;
import dev.outreachpolicy.engine.conformance.JUnitReport;
import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Replays every fixture through the running service: setup through {@code POST /v1/suppressions} and
 * {@code POST /v1/registers}, the case through {@code POST /v1/decisions}, on a clean block list and registers each
 * time. Fixtures that override policy settings run only through the engine (the API has no per-request policy).
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class FixtureHttpReplayTest {
    @Inject
    DataSource db;

    @Test
    void everyFixtureHoldsThroughTheApi() throws Exception {
        List<Fixture> all = FixtureLoader.load(Path.of("fixtures"));
        List<Fixture> viaHttp = all.stream().filter(f -> f.policy().isEmpty()).toList();
        List<FixtureResult> results = new ArrayList<>();
        HttpFixtureEvaluator http = new HttpFixtureEvaluator();
        for (Fixture f : viaHttp) {
            clean();
            results.addAll(FixtureRunner.run(List.of(f), http));
        }
        clean();
        JUnitReport.write(Path.of("target/fixture-reports/http-fixtures.xml"), "http-fixtures", results, null);
        StringBuilder failures = new StringBuilder();
        for (FixtureResult r : results) {
            for (String m : r.failures()) {
                failures.append("\n  fixtures/").append(r.fixture().path()).append(": ").append(m);
            }
        }
        System.out.println("HTTP replay: " + results.size() + " fixtures through the API, " + (all.size() - viaHttp.size())
            + " with policy overrides through the engine only");
        assertTrue(results.size() > 0);
        assertEquals("", failures.toString(), "fixtures failed through HTTP:");
    }

    private void clean() throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE suppressions, register_imports, register_numbers, idempotency_keys");
        }
    }
}
