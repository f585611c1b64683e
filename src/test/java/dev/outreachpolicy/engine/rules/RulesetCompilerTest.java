package dev.outreachpolicy.engine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rules folder either compiles whole, or every problem is reported with its file and line. */
class RulesetCompilerTest {
    @TempDir
    Path dir;

    static final String HEADER = "package rules.t;\nimport dev.outreachpolicy.engine.facts.*;\n"
        + "global dev.outreachpolicy.engine.rules.Findings decision;\nglobal dev.outreachpolicy.engine.rules.PolicyData policy;\n";

    private Path folder(String drl) throws IOException {
        Path rules = dir.resolve("rules");
        copy(Path.of("rules/policy.yaml"), rules.resolve("policy.yaml"));
        copy(Path.of("rules/data/free-email-domains.json"), rules.resolve("data/free-email-domains.json"));
        Files.writeString(rules.resolve("t.drl"), HEADER + drl);
        return rules;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    private static String rule(String name, String meta) {
        return "rule \"" + name + "\"\n    " + meta + "\nwhen\n    Request( step == \"STORAGE\" )\nthen\n    decision.info(\"x\");\nend\n";
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws Exception {
        Path rules = folder("rule \"x.y\"\n  @regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\")\nwhen\n  Request( step == )\nthen\nend\n");
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        RuleError first = e.errors().get(0);
        assertEquals("rules/t.drl", first.file());
        assertEquals(8, first.line());
        assertTrue(first.toString().startsWith("rules/t.drl:8:"), first.toString());
    }

    @Test
    void aRuleFileWrittenForTheOldJavaNamesIsToldWhatToWriteInstead() throws Exception {
        Path rules = folder(rule("a.ok", "@regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\")"));
        Path drl = rules.resolve("t.drl");
        Files.writeString(drl, Files.readString(drl).replace("dev.outreachpolicy.engine.rules.Findings", "dev.outreachpolicy.decision.Findings"));
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        assertEquals(1, e.errors().size(), e.errors().toString());
        assertEquals("rules/t.drl:3:8: 'dev.outreachpolicy.decision.Findings' was renamed: write "
            + "'dev.outreachpolicy.engine.rules.Findings' instead", e.errors().get(0).toString());
    }

    @Test
    void missingMetadataUnknownRegimeAndReversedDatesAreEachReported() throws Exception {
        Path rules = folder(rule("a.no-citation", "@regime(\"UK_PECR\") @validFrom(\"2020-01-01\")")
            + rule("a.unknown-regime", "@regime(\"MARS_LAW\") @citation(\"c\") @validFrom(\"2020-01-01\")")
            + rule("a.reversed", "@regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\") @validTo(\"2019-01-01\")")
            + rule("a.no-dates", "@regime(\"UK_PECR\") @citation(\"c\")")
            + rule("a.no-regime", "@citation(\"c\") @validFrom(\"2020-01-01\")"));
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        String all = String.join("\n", e.errors().stream().map(RuleError::toString).toList());
        assertTrue(all.contains("rules/t.drl:5: ") || all.contains("rules/t.drl:5:0: rule \"a.no-citation\" has no @citation"), all);
        assertTrue(all.contains("unknown regime code \"MARS_LAW\""), all);
        assertTrue(all.contains("validTo 2019-01-01 is before validFrom 2020-01-01"), all);
        assertTrue(all.contains("\"a.no-dates\" has no @validFrom"), all);
        assertTrue(all.contains("\"a.no-regime\" has no @regimes"), all);
    }

    @Test
    void aDuplicateIdAcrossPackagesIsReported() throws Exception {
        Path rules = folder(rule("a.same", "@regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\")"));
        Files.writeString(rules.resolve("u.drl"), HEADER.replace("rules.t", "rules.u")
            + rule("a.same", "@regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\")"));
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        assertTrue(e.errors().stream().anyMatch(x -> x.message().contains("duplicate rule id")), e.getMessage());
    }

    @Test
    void anUnknownPolicySettingIsReportedWhereItIsUsed() throws Exception {
        Path rules = folder("rule \"a.b\"\n  @regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\")\nwhen\n"
            + "  Request( asOf.withinDays(asOf.date, policy.days(\"no.such-days\")) )\nthen\nend\n");
        RulesetException e = assertThrows(RulesetException.class, () -> new RulesetCompiler(1).compile(rules));
        assertTrue(e.errors().get(0).toString().startsWith("rules/t.drl:8:"), e.errors().get(0).toString());
        assertTrue(e.errors().get(0).message().contains("no.such-days"));
    }

    @Test
    void theVersionDigestsPathsAndContentsOfRulesAndPolicyData() throws Exception {
        Path rules = folder(rule("a.b", "@regime(\"UK_PECR\") @citation(\"c\") @validFrom(\"2020-01-01\")"));
        String v1;
        try (Ruleset r = new RulesetCompiler(1).compile(rules)) {
            v1 = r.version();
        }
        try (Ruleset r = new RulesetCompiler(1).compile(rules)) {
            assertEquals(v1, r.version(), "the same files give the same digest");
        }
        Files.writeString(rules.resolve("README.md"), "notes are not part of the ruleset");
        try (Ruleset r = new RulesetCompiler(1).compile(rules)) {
            assertEquals(v1, r.version());
        }
        Files.writeString(rules.resolve("policy.yaml"), Files.readString(rules.resolve("policy.yaml")).replace("value: 28", "value: 14"));
        try (Ruleset r = new RulesetCompiler(1).compile(rules)) {
            assertNotEquals(v1, r.version(), "policy data is part of the version");
        }
    }

    @Test
    void theProjectRulesLoadAndEveryRuleCarriesItsMetadata() throws Exception {
        try (Ruleset r = new RulesetCompiler(1).compile(Path.of("rules"))) {
            assertTrue(r.catalogue().size() > 50, "rules: " + r.catalogue().size());
            for (RuleInfo info : r.catalogue().all()) {
                assertTrue(info.citation() != null && !info.citation().isBlank(), info.name());
                assertTrue(info.validFrom() != null, info.name());
                assertTrue(!info.regimes().isEmpty(), info.name());
            }
            try (Stream<Path> drl = Files.walk(Path.of("rules"))) {
                List<Path> files = drl.filter(p -> p.toString().endsWith(".drl")).toList();
                for (Path f : files) {
                    assertTrue(Files.readString(f).startsWith("/*"), f + " must open with a header for legal readers");
                }
            }
        }
    }
}
