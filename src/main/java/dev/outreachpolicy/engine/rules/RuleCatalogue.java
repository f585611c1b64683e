package dev.outreachpolicy.engine.rules;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Every rule of a compiled ruleset with its metadata, checked: each rule must carry a regime the policy
 * data knows, a citation and its first date in force; {@code validTo} may not precede {@code validFrom};
 * a name may not be used twice. Problems are reported as {@link RuleError}s pointing at the rule's line.
 */
public final class RuleCatalogue {
    private static final Pattern RULE_LINE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern PACKAGE_LINE = Pattern.compile("^\\s*package\\s+([\\w.]+)", Pattern.MULTILINE);

    private final Map<String, RuleInfo> byKey;
    /** The same entries by the compiled rule itself: what the engine asks on every match, without building a key. */
    private final Map<Rule, RuleInfo> byRule;

    private RuleCatalogue(Map<String, RuleInfo> byKey, Map<Rule, RuleInfo> byRule) {
        this.byKey = byKey;
        this.byRule = byRule;
    }

    public static RuleCatalogue read(KieBase kieBase, RuleSource source, Set<String> knownRegimes) throws RulesetException {
        Map<String, Location> locations = locate(source);
        List<RuleError> errors = new ArrayList<>();
        Map<String, RuleInfo> infos = new LinkedHashMap<>();
        Map<String, RuleInfo> byName = new HashMap<>();
        Map<Rule, RuleInfo> byRule = new IdentityHashMap<>();
        List<Rule> rules = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            rules.addAll(p.getRules());
        }
        rules.sort((a, b) -> {
            Location la = locations.get(RuleInfo.key(a.getPackageName(), a.getName()));
            Location lb = locations.get(RuleInfo.key(b.getPackageName(), b.getName()));
            int c = (la == null ? "" : la.file).compareTo(lb == null ? "" : lb.file);
            return c != 0 ? c : Integer.compare(la == null ? 0 : la.line, lb == null ? 0 : lb.line);
        });
        for (Rule r : rules) {
            Location loc = locations.getOrDefault(RuleInfo.key(r.getPackageName(), r.getName()), new Location("?", 0));
            String file = source.shown(loc.file);
            Map<String, Object> meta = r.getMetaData();
            String name = r.getName();
            int colon = name.indexOf(": ");
            String id = (colon < 0 ? name : name.substring(0, colon)).trim();
            String caseTitle = colon < 0 ? null : name.substring(colon + 2).trim();
            List<String> regimes = values(meta.containsKey("regimes") ? meta.get("regimes") : meta.get("regime"));
            String citation = text(meta.get("citation"));
            Map<String, String> regimeCitations = new LinkedHashMap<>();
            meta.forEach((k, v) -> {
                if (k.startsWith("citation_") && v != null) {
                    regimeCitations.put(k.substring("citation_".length()), text(v));
                }
            });
            if (!id.matches("[a-z0-9][a-z0-9.-]*[a-z0-9]")) {
                errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\": the id \"" + id
                    + "\" must be lower-case words joined by '.' and '-' (for example uk-pecr.call.identify)"));
            }
            if (regimes.isEmpty()) {
                errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\" has no @regimes(...): name the regime codes it applies"));
            }
            for (String regime : regimes) {
                if (!knownRegimes.contains(regime)) {
                    errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\": unknown regime code \"" + regime
                        + "\" (known: " + String.join(", ", knownRegimes) + ")"));
                }
            }
            for (String regime : regimeCitations.keySet()) {
                if (!regimes.contains(regime)) {
                    errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\": @citation_" + regime + " names a regime the rule does not serve"));
                }
            }
            if (citation == null || citation.isBlank()) {
                errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\" has no @citation(...): cite the provision it encodes"));
            }
            LocalDate validFrom = date(meta, "validFrom", name, file, loc.line, errors);
            LocalDate validTo = date(meta, "validTo", name, file, loc.line, errors);
            if (!meta.containsKey("validFrom")) {
                errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\" has no @validFrom(...): give the date the provision came into force"));
            }
            if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
                errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\": validTo " + validTo + " is before validFrom " + validFrom));
            }
            RuleInfo twin = byName.get(name);
            if (twin != null) {
                errors.add(new RuleError(file, loc.line, 0, "rule \"" + name + "\": duplicate rule id, also at " + twin.file() + ":" + twin.line()));
            }
            int salience = salience(r);
            RuleInfo info = new RuleInfo(r.getPackageName(), name, id, caseTitle, regimes, citation, regimeCitations,
                validFrom, validTo, file, loc.line, salience);
            byName.put(name, info);
            infos.put(info.key(), info);
            byRule.put(r, info);
        }
        if (!errors.isEmpty()) {
            throw new RulesetException(errors);
        }
        return new RuleCatalogue(infos, byRule);
    }

    private static int salience(Rule r) {
        if (r instanceof org.drools.base.definitions.rule.impl.RuleImpl impl && impl.getSalience() != null) {
            try {
                return impl.getSalience().getValue();
            } catch (RuntimeException e) {
                return 0;
            }
        }
        return 0;
    }

    private record Location(String file, int line) { }

    /** Where each rule stands: its file and the line of its {@code rule "..."} header. */
    private static Map<String, Location> locate(RuleSource source) {
        Map<String, Location> out = new HashMap<>();
        for (RuleFile f : source.files()) {
            if (!f.isRules()) {
                continue;
            }
            Matcher pm = PACKAGE_LINE.matcher(f.text());
            String pkg = pm.find() ? pm.group(1) : "defaultpkg";
            Matcher m = RULE_LINE.matcher(f.text());
            while (m.find()) {
                int line = 1;
                for (int i = 0; i < m.start(1); i++) {
                    if (f.text().charAt(i) == '\n') {
                        line++;
                    }
                }
                out.put(RuleInfo.key(pkg, m.group(1)), new Location(f.path(), line));
            }
        }
        return out;
    }

    private static LocalDate date(Map<String, Object> meta, String key, String rule, String file, int line, List<RuleError> errors) {
        String v = text(meta.get(key));
        if (v == null || v.isBlank() || v.equals("null")) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.add(new RuleError(file, line, 0, "rule \"" + rule + "\": @" + key + "(\"" + v + "\") is not a date (YYYY-MM-DD)"));
            return null;
        }
    }

    /** Metadata values come back as raw text: {@code "a", "b"} for a list, the bare text for one string. */
    static List<String> values(Object raw) {
        if (raw == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : raw.toString().split(",")) {
            String v = strip(part.trim());
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    static String text(Object raw) { return raw == null ? null : strip(raw.toString().trim()); }

    private static String strip(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    public RuleInfo get(String packageName, String name) { return byKey.get(RuleInfo.key(packageName, name)); }

    /** The same catalogue, also knowing by identity the compiled rules of another network of the same rules. */
    RuleCatalogue withRulesOf(KieBase kieBase) {
        Map<Rule, RuleInfo> rules = new IdentityHashMap<>(byRule);
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                RuleInfo info = get(r.getPackageName(), r.getName());
                if (info != null) {
                    rules.put(r, info);
                }
            }
        }
        return new RuleCatalogue(byKey, rules);
    }

    /** The entry of a compiled rule of this ruleset (by identity; by package and name for any other instance). */
    public RuleInfo of(Rule rule) {
        RuleInfo info = byRule.get(rule);
        return info != null ? info : get(rule.getPackageName(), rule.getName());
    }

    public Collection<RuleInfo> all() { return byKey.values(); }

    public int size() { return byKey.size(); }
}
