package dev.outreachpolicy.logging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * A decision whose record cannot be written (PostgreSQL refuses the row by a CHECK constraint, whose error names the
 * failing row) is answered 503, and the lines logged about it carry its decision id and none of the person's
 * identifiers: not the e-mail address, the phone number or the CRM ref, nor the row the database refused.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class DecisionLogsTest {

    /** What a log handler sees: the message, the MDC's decision id, and the whole exception chain as printed. */
    record Line(String text, String decisionId) { }

    static final class Capture extends Handler {
        final List<Line> lines = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LogRecord r) {
            StringWriter out = new StringWriter();
            out.append(String.valueOf(r.getMessage())).append(' ');
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    out.append(String.valueOf(p)).append(' ');
                }
            }
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                t.printStackTrace(new PrintWriter(out));
                if (t instanceof java.sql.SQLException s && s.getNextException() != null) {
                    s.getNextException().printStackTrace(new PrintWriter(out));
                }
            }
            lines.add(new Line(out.toString(), r instanceof ExtLogRecord e ? e.getMdc(DecisionLogContext.KEY) : null));
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }

    @Test
    void aFailedRecordIsLoggedWithItsDecisionIdAndNoPersonalData() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        String email = "log.probe." + System.nanoTime() + "@acme.co.uk";
        String ref = "crm:log-probe-" + System.nanoTime();
        String request = Files.readString(Path.of("src/test/resources/contract-example.json"))
            .replace("jane.doe@acme.co.uk", email).replace("crm:0042", ref).replace("q4-uk-finance", "log-probe");
        Capture capture = new Capture();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE decision_records ADD CONSTRAINT log_probe CHECK (campaign IS DISTINCT FROM 'log-probe') NOT VALID");
            try {
                given().contentType("application/json").body(request).post("/v1/decisions").then().statusCode(503)
                    .contentType("application/problem+json");
            } finally {
                s.execute("ALTER TABLE decision_records DROP CONSTRAINT log_probe");
                root.removeHandler(capture);
            }
        }
        List<Line> about = capture.lines.stream().filter(l -> l.text().contains("cannot record the decision")).toList();
        assertFalse(about.isEmpty(), "the failed write is logged: " + capture.lines);
        for (Line l : about) {
            assertTrue(l.decisionId() != null && l.decisionId().matches("dec_[0-9A-Z]{26}"), "decision id in the MDC: " + l);
        }
        for (Line l : capture.lines) {
            String text = l.text().toLowerCase();
            assertFalse(text.contains(email.toLowerCase()), "no e-mail address in a log line: " + l.text());
            assertFalse(text.contains(ref.toLowerCase()), "no CRM ref in a log line: " + l.text());
            assertFalse(text.contains("2079460000"), "no phone number in a log line: " + l.text());
            assertFalse(text.contains("failing row contains"), "no refused row in a log line: " + l.text());
        }
    }
}
