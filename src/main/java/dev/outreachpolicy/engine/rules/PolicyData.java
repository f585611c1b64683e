package dev.outreachpolicy.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy data loaded with the rules from {@code policy.yaml}: settings (windows, the NOT_COVERED
 * outcome) and lists (the EEA, the free-mail domains, the regime codes). Rules reach it through the global
 * {@code policy}. It is immutable; {@link #with(Map)} gives a copy with some settings overridden, which is
 * how a fixture tries a ruleset with another window.
 */
public final class PolicyData {
    public static final String FILE = "policy.yaml";
    private static final Pattern USE = Pattern.compile("policy\\.(days|months|years|number|text|list|inList)\\(\\s*\"([^\"]+)\"");

    private final Map<String, String> settings;
    private final Map<String, String> references;
    private final Map<String, List<String>> lists;
    private final Set<String> freeMailDomains;
    private final List<String> freeMailPatterns;
    private final Set<String> eea;
    private final ObligationCatalogue obligations;
    /** The catalogue as written, kept to fill its wordings in again when settings are overridden. */
    private final JsonNode obligationsSection;

    private PolicyData(Map<String, String> settings, Map<String, String> references, Map<String, List<String>> lists,
                       Set<String> freeMailDomains, List<String> freeMailPatterns, ObligationCatalogue obligations,
                       JsonNode obligationsSection) {
        this.obligations = obligations;
        this.obligationsSection = obligationsSection;
        this.settings = Collections.unmodifiableMap(settings);
        this.references = Collections.unmodifiableMap(references);
        this.lists = Collections.unmodifiableMap(lists);
        this.freeMailDomains = freeMailDomains;
        this.freeMailPatterns = freeMailPatterns;
        this.eea = Set.copyOf(lists.getOrDefault("eea", List.of()));
    }

    public static PolicyData load(RuleSource source) throws RulesetException {
        RuleFile file = source.file(FILE);
        String shown = source.shown(FILE);
        if (file == null) {
            throw new RulesetException(List.of(new RuleError(shown, 0, 0, "the policy data file is missing")));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<RuleError> errors = new ArrayList<>();
        JsonNode root;
        try {
            root = yaml.readTree(file.text());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            throw new RulesetException(List.of(new RuleError(shown, line, col, e.getOriginalMessage())));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> references = new LinkedHashMap<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Set<String> freeMail = new HashSet<>();
        List<String> patterns = new ArrayList<>();
        JsonNode s = root == null ? null : root.get("settings");
        if (s != null) {
            s.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                JsonNode value = v.isObject() ? v.get("value") : v;
                if (value == null || value.isNull() || value.isContainerNode()) {
                    errors.add(new RuleError(shown, 0, 0, "setting " + e.getKey() + " has no scalar value"));
                    return;
                }
                settings.put(e.getKey(), value.asText());
                if (v.isObject() && v.hasNonNull("reference")) {
                    references.put(e.getKey(), v.get("reference").asText());
                }
            });
        }
        JsonNode l = root == null ? null : root.get("lists");
        if (l != null) {
            l.fields().forEachRemaining(e -> {
                List<String> values = new ArrayList<>();
                JsonNode v = e.getValue();
                JsonNode arr = v.isArray() ? v : v.get("values");
                if (arr != null) {
                    arr.forEach(x -> values.add(x.asText()));
                }
                if (v.isObject() && v.hasNonNull("file")) {
                    String listFile = v.get("file").asText();
                    RuleFile data = source.file(listFile);
                    if (data == null) {
                        errors.add(new RuleError(shown, 0, 0, "list " + e.getKey() + " names the file " + listFile + ", which is not in the rules folder"));
                    } else {
                        try {
                            new ObjectMapper().readTree(data.text()).forEach(x -> values.add(x.asText()));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                            int line = ex.getLocation() == null ? 0 : ex.getLocation().getLineNr();
                            errors.add(new RuleError(source.shown(listFile), line, 0, ex.getOriginalMessage()));
                        }
                    }
                }
                if (v.isObject() && v.hasNonNull("reference")) {
                    references.put(e.getKey(), v.get("reference").asText());
                }
                lists.put(e.getKey(), List.copyOf(values));
            });
        }
        for (String d : lists.getOrDefault("free-mail-domains", List.of())) {
            String lower = d.toLowerCase(Locale.ROOT).trim();
            if (lower.contains("*")) {
                patterns.add(lower);
            } else {
                freeMail.add(lower);
            }
        }
        if (!lists.containsKey("regimes")) {
            errors.add(new RuleError(shown, 0, 0, "the list 'regimes' (the known regime codes, in the order responses list them) is missing"));
        }
        JsonNode o = root == null ? null : root.get(ObligationCatalogue.SECTION);
        ObligationCatalogue obligations = ObligationCatalogue.read(o, settings, file, shown, errors);
        if (!errors.isEmpty()) {
            throw new RulesetException(errors);
        }
        return new PolicyData(settings, references, lists, Set.copyOf(freeMail), List.copyOf(patterns), obligations, o);
    }

    /** Every {@code policy.x("key")} in the rule files must name a setting or list that exists. */
    void checkUses(RuleSource source) throws RulesetException {
        List<RuleError> errors = new ArrayList<>();
        for (RuleFile f : source.files()) {
            if (!f.isRules()) {
                continue;
            }
            Matcher m = USE.matcher(f.text());
            while (m.find()) {
                String kind = m.group(1);
                String key = m.group(2);
                boolean isList = kind.equals("list") || kind.equals("inList");
                if (isList ? !lists.containsKey(key) : !settings.containsKey(key)) {
                    int line = 1;
                    int col = 1;
                    for (int i = 0; i < m.start(); i++) {
                        if (f.text().charAt(i) == '\n') {
                            line++;
                            col = 1;
                        } else {
                            col++;
                        }
                    }
                    errors.add(new RuleError(source.shown(f.path()), line, col, "unknown policy " + (isList ? "list" : "setting")
                        + " \"" + key + "\" (define it in " + source.shown(FILE) + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RulesetException(errors);
        }
    }

    /** A copy with some settings replaced (fixtures that try another window). Unknown keys are refused. */
    public PolicyData with(Map<String, String> overrides) {
        if (overrides == null || overrides.isEmpty()) {
            return this;
        }
        Map<String, String> copy = new LinkedHashMap<>(settings);
        overrides.forEach((k, v) -> {
            if (!copy.containsKey(k)) {
                throw new IllegalArgumentException("unknown policy setting " + k);
            }
            copy.put(k, v);
        });
        return new PolicyData(copy, references, lists, freeMailDomains, freeMailPatterns, obligations.refill(obligationsSection, copy),
            obligationsSection);
    }

    private int number(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown policy setting " + key);
        }
        return Integer.parseInt(v.trim());
    }

    public int days(String key) { return number(key); }

    public int months(String key) { return number(key); }

    public int years(String key) { return number(key); }

    public String text(String key) {
        String v = settings.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown policy setting " + key);
        }
        return v;
    }

    public List<String> list(String key) { return lists.getOrDefault(key, List.of()); }

    public boolean inList(String key, String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (String item : list(key)) {
            if (item.toLowerCase(Locale.ROOT).equals(v)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEea(String country) { return country != null && eea.contains(country); }

    /** A free-mail domain: in the maintained list, or matching a rulebook pattern such as {@code hotmail.*}. */
    public boolean isFreeMail(String domain) {
        if (domain == null) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (freeMailDomains.contains(d)) {
            return true;
        }
        for (String p : freeMailPatterns) {
            String prefix = p.substring(0, p.indexOf('*'));
            if (p.endsWith("*") && d.startsWith(prefix) && d.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }

    public List<String> regimes() { return list("regimes"); }

    /** The duties the rules may attach, each with its one wording and its citation. */
    public ObligationCatalogue obligations() { return obligations; }

}
