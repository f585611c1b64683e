package dev.outreachpolicy.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.TestFolders;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.verdict.Obligation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every duty has one wording, kept in the obligation catalogue of the policy data: a rule names the code; a regime's own
 * wording and the wording in force on the decision's date are chosen there; a rule that words a duty itself is refused.
 */
class ObligationCatalogueTest {
    @TempDir
    Path dir;

    private static PolicyData projectPolicy() throws Exception {
        return PolicyData.load(RuleSource.read(Path.of("rules")));
    }

    @Test
    void theWordingInForceOnTheDecisionsDateIsChosenForTheRegime() throws Exception {
        ObligationCatalogue c = projectPolicy().obligations();
        String before = c.wording("NOTICE_AT_COLLECTION", "CCPA", LocalDate.parse("2022-12-31"), null);
        String after = c.wording("NOTICE_AT_COLLECTION", "CCPA", LocalDate.parse("2023-01-01"), null);
        assertFalse(before.contains("sensitive"), before);
        assertTrue(after.contains("(sensitive ones too)"), after);
        assertEquals(c.wording("HUMAN_REVIEW", "EU_GDPR", LocalDate.parse("2026-06-01"), null),
            "A person with authority to change the outcome must review the decision.");
        assertTrue(c.wording("HUMAN_REVIEW", "UK_GDPR", LocalDate.parse("2026-06-01"), null).contains("Art. 22C"));
    }

    @Test
    void settingsAndTheDueDateAreFilledIn() throws Exception {
        PolicyData policy = projectPolicy();
        ObligationCatalogue c = policy.obligations();
        assertTrue(c.wording("HONOUR_OPT_OUT", "CASL", LocalDate.parse("2026-06-01"), null).contains("at most 10 business days"));
        assertEquals("Implied consent lapses after 2027-01-31: obtain express consent before then or stop sending.",
            c.wording("CASL_IMPLIED_CONSENT_EXPIRES", "CASL", LocalDate.parse("2026-06-01"), LocalDate.parse("2027-01-31")));
        for (ObligationCatalogue.Entry e : c.entries()) {
            assertFalse(e.wording().replace("{dueAt}", "").contains("{"), e.code() + ": " + e.wording());
        }
        ObligationCatalogue tried = policy.with(Map.of("casl.honour-opt-out-business-days", "5")).obligations();
        assertTrue(tried.wording("HONOUR_OPT_OUT", "CASL", LocalDate.parse("2026-06-01"), null).contains("at most 5 business days"));
    }

    @Test
    void anAnswerCarriesTheCataloguesWording() throws Exception {
        try (Ruleset ruleset = new RulesetCompiler(1).compile(Path.of("rules"))) {
            JsonNode request = new ObjectMapper().readTree("""
                {"asOf":"2026-06-01T10:00:00Z","step":"OUTREACH","channel":"PHONE",
                 "prospect":{"ref":"crm:1","phone":"+442079460000","country":"GB","subscriberType":"CORPORATE",
                             "tps":"NOT_REGISTERED","tpsCheckedAt":"2026-05-20","ctps":"NOT_REGISTERED","ctpsCheckedAt":"2026-05-20"},
                 "basis":{"article6":"LEGITIMATE_INTEREST","lia":{"purposeTest":true,"necessityTest":true,"balancingTest":true,
                          "assessedAt":"2026-01-10","steps":["OUTREACH"]}},
                 "message":{"commercial":true,"senderIdentified":true}}""");
            Evaluation e = Evaluator.withEmptyLookups().evaluate(request, Instant.now(), ruleset);
            Obligation sender = e.obligations().stream().filter(o -> o.code().equals("IDENTIFY_SENDER")).findFirst().orElseThrow(
                () -> new AssertionError("IDENTIFY_SENDER attached: " + e.obligations()));
            assertEquals(ruleset.policy().obligations().wording("IDENTIFY_SENDER", "UK_PECR", LocalDate.parse("2026-06-01"), null),
                sender.message());
        }
    }

    @Test
    void aRuleThatWordsADutyItselfIsRefusedAtItsPlace() throws Exception {
        Path rules = dir.resolve("rules");
        TestFolders.copyTree(Path.of("rules"), rules);
        Path file = rules.resolve("ca/casl.drl");
        String text = Files.readString(file);
        String from = "decision.oblige(\"HONOUR_OPT_OUT\");";
        int at = text.indexOf(from);
        assertTrue(at >= 0);
        Files.writeString(file, text.replace(from, "decision.oblige(\"HONOUR_OPT_OUT\", \"Unsubscribe them soon.\");"));
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        RuleError error = e.errors().stream().filter(x -> x.message().startsWith("obligation HONOUR_OPT_OUT takes its one wording"))
            .findFirst().orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals("rules/ca/casl.drl", error.file());
        assertEquals(text.substring(0, at).chars().filter(ch -> ch == '\n').count() + 1, error.line());
    }

    @Test
    void aWordingThatNamesAnUnknownSettingOrLacksACitationIsRefusedAtItsLine() throws Exception {
        Path rules = dir.resolve("rules");
        TestFolders.copyTree(Path.of("rules"), rules);
        Path policy = rules.resolve("policy.yaml");
        String text = Files.readString(policy);
        Files.writeString(policy, text.replace("{can-spam.opt-out-valid-days}", "{can-spam.opt-out-valid-dayz}")
            .replace("    citation: \"Cal. Civ. Code 1798.121\"\n", ""));
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        String all = e.getMessage();
        assertTrue(all.contains("obligation OPT_OUT_VALID_30_DAYS names the setting {can-spam.opt-out-valid-dayz}, which is not in settings"), all);
        assertTrue(all.contains("obligation LIMIT_USE_SENSITIVE_PI has no citation"), all);
        String[] lines = Files.readString(policy).split("\n");
        int expected = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("  OPT_OUT_VALID_30_DAYS:")) {
                expected = i + 1;
            }
        }
        assertTrue(all.contains("rules/policy.yaml:" + expected + ":3: obligation OPT_OUT_VALID_30_DAYS"), all);
    }
}
