package dev.outreachpolicy.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.cli.PolicyCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of a request (prospect, processing, controller, basis, data, message, the instant) reach the rules only
 * through the one {@code Request} fact. A rule written the older way, {@code Prospect( location == "GB" )}, compiles in
 * Drools and never fires; {@code check} refuses it at its {@code file:line:column} and says what to write.
 */
class RequestPartsCheckTest {
    @TempDir
    Path dir;

    /** Copies the project's rules and inserts lines after the first {@code marker} of uk/pecr-calls.drl; returns their line. */
    private static int plantAfterFirst(Path rules, String marker, String lines) throws Exception {
        TestFolders.copyTree(Path.of("rules"), rules);
        Path file = rules.resolve("uk/pecr-calls.drl");
        String text = Files.readString(file);
        int at = text.indexOf(marker) + marker.length();
        Files.writeString(file, text.substring(0, at) + lines + text.substring(at));
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    @Test
    void theProjectRulesTestTheRequestOnlyThroughRequest() throws Exception {
        assertEquals(List.of(), RequestPartsCheck.check(RuleSource.read(Path.of("rules"))));
    }

    @Test
    void aPatternOnAPartOfTheRequestIsReportedWhereItStands() throws Exception {
        Path rules = dir.resolve("rules");
        int line = plantAfterFirst(rules, "\nwhen\n", "    Prospect( location == \"GB\" )\n");

        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        assertEquals(1, e.errors().size(), e.getMessage());
        RuleError error = e.errors().get(0);
        assertEquals("rules/uk/pecr-calls.drl", error.file());
        assertEquals(line, error.line());
        assertEquals(5, error.column(), "the column of the type name");
        assertTrue(error.message().startsWith("Prospect is a part of the request, not a fact of its own"), error.message());
        assertTrue(error.message().contains("Request( prospect."), error.message());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new PolicyCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {"check", rules.toString()});
        assertEquals(2, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("rules/uk/pecr-calls.drl:" + line + ":5: Prospect is a part of the request"),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void constructorsMessagesAndCommentsAreNotPatterns() throws Exception {
        Path rules = dir.resolve("rules");
        plantAfterFirst(rules, "\nthen\n", "    // Prospect( location == \"GB\" ) is how rules were written before\n"
            + "    String shown = \"Message( ... ) and Data( ... )\";\n");
        assertEquals(List.of(), RequestPartsCheck.check(RuleSource.read(rules)));
    }
}
