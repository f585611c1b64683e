package dev.outreachpolicy.engine.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The obligation catalogue of the policy data ({@code obligations:} in {@code policy.yaml}): for each code the duty's
 * one wording and the provisions that impose it, with a regime's own wording where it has one and, where the law
 * changed on a date, the wording in force on each date. A rule names only the code; the answer carries the wording.
 * Settings named in braces are filled in when the policy data loads; {@code {dueAt}} when the duty is attached.
 */
public final class ObligationCatalogue {
    static final String SECTION = "obligations";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.-]+)}");
    private static final String DUE_AT = "dueAt";

    /** One wording, in force from a date (null: from the beginning). */
    public record Dated(LocalDate from, String wording) { }

    /** One code: its citation, its general wording, and the wordings particular to a regime (each oldest first). */
    public record Entry(String code, String citation, String wording, Map<String, List<Dated>> byRegime) {
        String wordingFor(String regime, LocalDate on) {
            List<Dated> dated = regime == null ? null : byRegime.get(regime);
            if (dated == null) {
                return wording;
            }
            String found = null;
            for (Dated d : dated) {
                if (d.from() == null || on == null || !d.from().isAfter(on)) {
                    found = d.wording();
                }
            }
            return found != null ? found : wording;    // the regime's own wording is not in force yet on that date
        }
    }

    private final Map<String, Entry> entries;

    private ObligationCatalogue(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Every code the rules may attach. */
    public Set<String> codes() { return entries.keySet(); }

    public Entry entry(String code) { return entries.get(code); }

    public List<Entry> entries() { return List.copyOf(entries.values()); }

    /**
     * The wording of a duty as attached by a rule of this regime, on this date.
     * @param dueAt the day it falls due, put in for {@code {dueAt}}; null when it has none
     */
    public String wording(String code, String regime, LocalDate on, LocalDate dueAt) {
        Entry e = entries.get(code);
        if (e == null) {
            throw new IllegalStateException("obligation " + code + " is not in the catalogue");   // the check refuses such a rule
        }
        String w = e.wordingFor(regime, on);
        return w.contains("{dueAt}") ? w.replace("{dueAt}", dueAt == null ? "the due date" : dueAt.toString()) : w;
    }

    /**
     * Reads the catalogue, filling in the settings its wordings name; every problem is added to {@code errors},
     * pointing at the code's line in the policy file.
     */
    static ObligationCatalogue read(JsonNode section, Map<String, String> settings, RuleFile file, String shown, List<RuleError> errors) {
        Map<String, Entry> out = new LinkedHashMap<>();
        if (section == null || !section.isObject()) {
            errors.add(new RuleError(shown, 0, 0, "the obligation catalogue ('" + SECTION + "': code, wording, citation) is missing"));
            return new ObligationCatalogue(out);
        }
        section.fields().forEachRemaining(e -> {
            String code = e.getKey();
            JsonNode v = e.getValue();
            int line = lineOf(file, code);
            List<RuleError> mine = new ArrayList<>();
            String wording = text(v.get("wording"));
            String citation = text(v.get("citation"));
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                mine.add(new RuleError(shown, line, 3, "obligation code " + code + " must be written in capitals and underscores"));
            }
            if (wording == null) {
                mine.add(new RuleError(shown, line, 3, "obligation " + code + " has no wording"));
            }
            if (citation == null) {
                mine.add(new RuleError(shown, line, 3, "obligation " + code + " has no citation"));
            }
            Map<String, List<Dated>> byRegime = new LinkedHashMap<>();
            JsonNode regimes = v.get("regimes");
            if (regimes != null && regimes.isObject()) {
                regimes.fields().forEachRemaining(r -> {
                    List<Dated> dated = new ArrayList<>();
                    if (r.getValue().isTextual()) {
                        dated.add(new Dated(null, r.getValue().asText()));
                    } else if (r.getValue().isArray()) {
                        LocalDate previous = null;
                        for (JsonNode d : r.getValue()) {
                            LocalDate from = date(d.get("from"));
                            String w = text(d.get("wording"));
                            if (from == null || w == null) {
                                mine.add(new RuleError(shown, line, 3, "obligation " + code + ", regime " + r.getKey()
                                    + ": each dated wording needs 'from' (YYYY-MM-DD) and 'wording'"));
                                continue;
                            }
                            if (previous != null && !from.isAfter(previous)) {
                                mine.add(new RuleError(shown, line, 3, "obligation " + code + ", regime " + r.getKey()
                                    + ": dated wordings must be listed oldest first"));
                            }
                            previous = from;
                            dated.add(new Dated(from, w));
                        }
                    } else {
                        mine.add(new RuleError(shown, line, 3, "obligation " + code + ", regime " + r.getKey()
                            + ": give a wording, or a list of {from, wording}"));
                    }
                    if (!dated.isEmpty()) {
                        byRegime.put(r.getKey(), List.copyOf(dated));
                    }
                });
            }
            if (!mine.isEmpty()) {
                errors.addAll(mine);
                return;
            }
            String filled = fill(wording, settings, code, shown, line, errors);
            Map<String, List<Dated>> filledByRegime = new LinkedHashMap<>();
            byRegime.forEach((regime, list) -> filledByRegime.put(regime,
                list.stream().map(d -> new Dated(d.from(), fill(d.wording(), settings, code, shown, line, errors))).toList()));
            out.put(code, new Entry(code, citation, filled, Collections.unmodifiableMap(filledByRegime)));
        });
        return new ObligationCatalogue(out);
    }

    /** The same catalogue with its wordings filled in from other settings (a fixture trying another window). */
    ObligationCatalogue refill(JsonNode section, Map<String, String> settings) {
        List<RuleError> ignored = new ArrayList<>();
        return read(section, settings, null, "", ignored);
    }

    private static String fill(String wording, Map<String, String> settings, String code, String shown, int line, List<RuleError> errors) {
        Matcher m = PLACEHOLDER.matcher(wording);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            String value = key.equals(DUE_AT) ? "{dueAt}" : settings.get(key);
            if (value == null) {
                errors.add(new RuleError(shown, line, 3, "obligation " + code + " names the setting {" + key + "}, which is not in settings"));
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static int lineOf(RuleFile file, String code) {
        if (file == null) {
            return 0;
        }
        String[] lines = file.text().split("\n", -1);
        boolean inSection = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(SECTION + ":")) {
                inSection = true;
            } else if (inSection && lines[i].matches("\\s{1,4}" + Pattern.quote(code) + ":.*")) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String text(JsonNode n) { return n == null || !n.isTextual() || n.asText().isBlank() ? null : n.asText(); }

    private static LocalDate date(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
