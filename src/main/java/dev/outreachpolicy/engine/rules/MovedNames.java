package dev.outreachpolicy.engine.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the Java names a rule file imported before the engine became its own layer, and says what to write instead.
 * Without it, a rules repository written for an earlier version gets Drools' "unable to resolve type" on every rule;
 * with it, the first line of the report names the one line to change.
 */
final class MovedNames {
    private static final Map<String, String> MOVED = new LinkedHashMap<>();

    static {
        MOVED.put("dev.outreachpolicy.decision.Findings", "dev.outreachpolicy.engine.rules.Findings");
        MOVED.put("dev.outreachpolicy.rules.PolicyData", "dev.outreachpolicy.engine.rules.PolicyData");
        MOVED.put("dev.outreachpolicy.facts.", "dev.outreachpolicy.engine.facts.");
    }

    private MovedNames() { }

    static List<RuleError> check(RuleSource source) {
        List<RuleError> errors = new ArrayList<>();
        for (RuleFile f : source.files()) {
            if (!f.isRules()) {
                continue;
            }
            String[] lines = f.text().split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (Map.Entry<String, String> m : MOVED.entrySet()) {
                    int at = lines[i].indexOf(m.getKey());
                    if (at >= 0) {
                        errors.add(new RuleError(source.shown(f.path()), i + 1, at + 1, "'" + m.getKey().replaceAll("\\.$", "")
                            + "' was renamed: write '" + m.getValue().replaceAll("\\.$", "") + "' instead"));
                    }
                }
            }
        }
        return errors;
    }
}
