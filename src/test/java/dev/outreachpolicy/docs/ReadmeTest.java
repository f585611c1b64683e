package dev.outreachpolicy.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.store.StoreTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough runs as written. Every fenced {@code bash} block that follows a line
 * {@code <!-- readme-test -->} is run, command by command, with bash in the project folder against the service under
 * test ({@code localhost:8080} becomes its port). Each command must exit 0, and where the README shows its answer
 * (the {@code # …} lines under it, or a {@code json} block right after the bash block), every JSON field name shown
 * must be in the real answer. Sections added later are covered as soon as their blocks carry the marker.
 */
@QuarkusTest
@QuarkusTestResource(value = StoreTestResource.class, restrictToAnnotatedClass = false)
class ReadmeTest {
    static final String MARKER = "<!-- readme-test -->";

    @TestHTTPResource("/")
    URL service;

    static List<ReadmeBlocks.Step> steps(List<String> readme) {
        List<ReadmeBlocks.Step> steps = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).trim().equals(MARKER)) {
                continue;
            }
            int open = i + 1;
            assertTrue(open < readme.size() && readme.get(open).trim().equals("```bash"),
                "README line " + (i + 1) + ": the marker must be followed by a ```bash block");
            int close = open + 1;
            while (close < readme.size() && !readme.get(close).trim().equals("```")) {
                close++;
            }
            List<ReadmeBlocks.Step> block = ReadmeBlocks.withJsonAnswer(readme, close, ReadmeBlocks.commands(readme, open, close, 0));
            steps.addAll(block);
            i = close;
        }
        return steps;
    }

    @Test
    void everyMarkedCommandOfTheReadmeRunsAndAnswersAsShown() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        List<ReadmeBlocks.Step> steps = steps(readme);
        assertFalse(steps.isEmpty(), "the README marks its walkthrough with " + MARKER);
        String hostPort = service.getHost() + ":" + service.getPort();
        // The tests keep candidate folders under their own folder; the README's ./candidates is the default.
        String candidates = org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("policy.candidates-dir", String.class).orElse("candidates");
        for (ReadmeBlocks.Step step : steps) {
            String command = step.command().replace("localhost:8080", hostPort).replace("127.0.0.1:8080", hostPort)
                .replaceAll("(?<![\\w/.-])candidates(?=/|\\s|$)", java.util.regex.Matcher.quoteReplacement(candidates));
            Process p = new ProcessBuilder("bash", "-c", "set -eo pipefail\n" + command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "README line " + step.line() + " did not finish: " + step.command());
            String answer = new String(out, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "README line " + step.line() + " failed: " + step.command() + "\n" + answer);
            Set<String> shown = ReadmeBlocks.fields(step.shown());
            Set<String> real = ReadmeBlocks.fields(answer);
            Set<String> missing = new LinkedHashSet<>(shown);
            missing.removeAll(real);
            assertTrue(missing.isEmpty(), "README line " + step.line() + " shows " + missing + " that the answer lacks: "
                + step.command() + "\n" + (answer.length() > 2000 ? answer.substring(0, 2000) + "…" : answer));
        }
    }
}
