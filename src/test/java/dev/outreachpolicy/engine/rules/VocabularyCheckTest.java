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
 * A misspelt value of the vocabulary ({@code "OUTRECH"}) compiles in Drools and silently never matches; the rule
 * check reports it at its {@code file:line:column} and {@code check} exits non-zero.
 */
class VocabularyCheckTest {
    @TempDir
    Path dir;

    /** A copy of the project's rules with one text replaced in one file; returns the 1-based line and column of the change. */
    private int[] plant(Path rules, String file, String from, String to) throws Exception {
        TestFolders.copyTree(Path.of("rules"), rules);
        Path target = rules.resolve(file);
        String text = Files.readString(target);
        int at = text.indexOf(from);
        assertTrue(at >= 0, from + " is in " + file);
        Files.writeString(target, text.substring(0, at) + to + text.substring(at + from.length()));
        String before = text.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = at - before.lastIndexOf('\n');
        return new int[] {line, column};
    }

    @Test
    void theProjectRulesUseOnlyKnownValues() throws Exception {
        RuleSource source = RuleSource.read(Path.of("rules"));
        assertEquals(List.of(), VocabularyCheck.check(source, PolicyData.load(source)));
    }

    @Test
    void aMisspeltStepIsReportedAtItsFileLineAndColumn() throws Exception {
        Path rules = dir.resolve("rules");
        int[] at = plant(rules, "eu/gdpr-step-duties.drl", "step == \"OUTREACH\"", "step == \"OUTRECH\"");
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        assertEquals(1, e.errors().size(), e.getMessage());
        RuleError error = e.errors().get(0);
        assertEquals("rules/eu/gdpr-step-duties.drl", error.file());
        assertEquals(at[0], error.line());
        assertEquals(at[1] + "step == ".length(), error.column(), "the column of the opening quote");
        assertTrue(error.message().startsWith("unknown step \"OUTRECH\" (did you mean \"OUTREACH\"?)"), error.message());
    }

    @Test
    void valuesInListsCallsAndBoundVariablesAreChecked() throws Exception {
        Path rules = dir.resolve("rules");
        plant(rules, "common/suppression.drl", "scope == \"SALE_SHARING\" && $step == \"SHARING\"", "scope == \"SALE_SHARING\" && $step == \"SHARING_\"");
        String casl = Files.readString(rules.resolve("ca/casl.drl"));
        Files.writeString(rules.resolve("ca/casl.drl"), casl.replaceFirst("\"UNSUBSCRIBE_VALID_60_DAYS\"", "\"UNSUBSCRIBE_VALID_60DAYS\"")
            .replaceFirst("regime in \\(\"CAN_SPAM\", \"WA_CEMA\"\\)", "regime in (\"CAN_SPAM\", \"WA-CEMA\")"));
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        String all = e.getMessage();
        assertEquals(3, e.errors().size(), all);
        assertTrue(all.contains("rules/common/suppression.drl:") && all.contains("unknown step \"SHARING_\""), all);
        assertTrue(all.contains("unknown obligation code \"UNSUBSCRIBE_VALID_60DAYS\" (did you mean \"UNSUBSCRIBE_VALID_60_DAYS\"?)"), all);
        assertTrue(all.contains("unknown regime \"WA-CEMA\" (did you mean \"WA_CEMA\"?)"), all);
    }

    @Test
    void aVariableBoundToAPartOfTheRequestIsChecked() throws Exception {
        Path rules = dir.resolve("rules");
        plant(rules, "uk/pecr-calls.drl", "package rules.uk.pecr;", "package rules.uk.pecr;\n"
            + "rule \"uk-pecr.bound-path\"\n    @regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\") @validTo(null)\nwhen\n"
            + "    Request( $ch : processing.channel, $where : prospect.location, $ch == \"EMALE\" || $where == \"UK\" )\nthen\nend\n");
        RuleSource source = RuleSource.read(rules);
        List<RuleError> errors = VocabularyCheck.check(source, PolicyData.load(source));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().startsWith("unknown channel \"EMALE\""), errors.toString());
        assertTrue(errors.get(1).message().startsWith("unknown country \"UK\""), errors.toString());
    }

    @Test
    void commentsAndMessagesAreNotVocabulary() throws Exception {
        Path rules = dir.resolve("rules");
        plant(rules, "uk/pecr-email.drl", "package rules.uk.pecr;",
            "package rules.uk.pecr;\n// an example in a comment: step == \"OUTRECH\"\n/* channel == \"FAX\" */");
        try (Ruleset r = new RulesetCompiler(1).compile(rules)) {
            assertTrue(r.catalogue().all().size() > 0);
        }
    }

    @Test
    void checkExitsNonZeroAndPrintsTheLocation() throws Exception {
        Path rules = dir.resolve("rules");
        int[] at = plant(rules, "uk/pecr-calls.drl", "channel == \"PHONE\"", "channel == \"PHONNE\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new PolicyCli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(new String[] {"check", rules.toString()});
        assertEquals(2, code, err.toString());
        String where = "rules/uk/pecr-calls.drl:" + at[0] + ":" + (at[1] + "channel == ".length()) + ": unknown channel \"PHONNE\"";
        assertTrue(err.toString().contains(where), err.toString());
    }
}
