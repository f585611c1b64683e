package dev.outreachpolicy.cli;

import dev.outreachpolicy.TestFolders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line a legal team runs in its own CI: check and test, with messages, JUnit XML and exit codes. */
class PolicyCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new PolicyCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }


    @Test
    void checkPassesOnTheProjectRules() {
        assertEquals(0, run("check", "rules"), err.toString());
        assertTrue(out.toString().startsWith("check: ok:"), out.toString());
    }

    @Test
    void checkReportsAPlantedErrorWithFileAndLineAndExits2() throws Exception {
        Path rules = dir.resolve("rules");
        TestFolders.copyTree(Path.of("rules"), rules);
        Path target = rules.resolve("uk/pecr-email.drl");
        String text = Files.readString(target);
        int line = (int) text.substring(0, text.indexOf("\nwhen")).lines().count() + 2;
        Files.writeString(target, text.replaceFirst("\nwhen\n", "\nwhen\n    Request( step == )\n"));
        assertEquals(2, run("check", rules.toString()));
        assertTrue(err.toString().contains("rules/uk/pecr-email.drl:" + line + ":"), err.toString());
    }

    @Test
    void testWritesJUnitXmlAndFailsOnAFailingFixture() throws Exception {
        Path fixtures = dir.resolve("fixtures");
        TestFolders.copyTree(Path.of("fixtures"), fixtures);
        Path broken = fixtures.resolve("planted-failure.yaml");
        Files.writeString(broken, "description: planted\nbase: _bases/uk-email-li.yaml\nexpect:\n  outcome: DENY\n");
        Path xml = dir.resolve("report/junit.xml");
        assertEquals(1, run("test", "rules", fixtures.toString(), "--junit", xml.toString()));
        assertTrue(out.toString().contains("planted-failure.yaml: outcome: expected DENY, got PERMIT"), out.toString());
        assertTrue(out.toString().contains("Rule coverage"), out.toString());
        String report = Files.readString(xml);
        assertTrue(report.contains("<testsuite name=\"fixtures\""), report.substring(0, 200));
        assertTrue(report.contains("name=\"planted-failure.yaml\"") && report.contains("<failure"), "the failure is in the XML");
    }

    @Test
    void testPassesOnTheProjectRulesAndFixtures() {
        assertEquals(0, run("test", "rules", "fixtures"), out + "\n" + err);
    }

    @Test
    void aWrongCommandPrintsUsage() {
        assertEquals(64, run("frobnicate"));
        assertTrue(err.toString().contains("usage:"));
    }
}
