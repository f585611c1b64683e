package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's class archive ({@code target/quarkus-app/app-cds.jsa}, made by the build's training run on a store of
 * its own) is usable as the README says: with {@code -XX:SharedArchiveFile} and {@code -Xshare:on} (which refuses to
 * start on an archive that does not fit the jar or the JVM) the service starts from another folder, serves a decision,
 * and most of the classes it loaded came from the archive.
 */
class ClassArchiveIT {
    @TempDir
    Path dir;

    @Test
    void theServiceStartsOnTheArchiveAndServes() throws Exception {
        Path archive = Path.of("target/quarkus-app/app-cds.jsa").toAbsolutePath();
        assertTrue(Files.size(archive) > 10_000_000, "the package holds a class archive: " + archive);
        Path classes = dir.resolve("classes.txt");
        try (SharedDatabase db = SharedDatabase.create(dir.resolve("db"));
             ServiceProcess service = ServiceProcess.start(dir.resolve("run"), Map.of(
                 "QUARKUS_DATASOURCE_JDBC_URL", db.url(),
                 "QUARKUS_DATASOURCE_USERNAME", System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                 "POLICY_SUPPRESSION_KEY", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=",
                 "POLICY_SUPPRESSION_KEY_ID", "archive-it",
                 "POLICY_DATA_DIR", dir.resolve("data").toString(),
                 "POLICY_RULES_WATCH", "false"),
                 List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-Xlog:class+load:file=" + classes))) {
            HttpResponse<String> answer = service.post("/v1/decisions", Files.readString(Path.of("src/test/resources/contract-example.json")));
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("PERMIT", new ObjectMapper().readTree(answer.body()).path("outcome").asText(), answer.body());
            List<String> loaded = Files.readAllLines(classes);
            long shared = loaded.stream().filter(l -> l.contains("shared objects file")).count();
            assertTrue(shared * 2 > loaded.size(), shared + " of " + loaded.size() + " classes came from the archive");
        }
    }
}
