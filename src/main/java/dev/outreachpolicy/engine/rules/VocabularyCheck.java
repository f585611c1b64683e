package dev.outreachpolicy.engine.rules;

import dev.outreachpolicy.engine.facts.Vocabulary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every value a rule compares with the request's vocabulary: a step, channel, regime, suppression scope,
 * Art. 6 basis, Art. 9 exemption, subscriber type, register status, {@code promotes}, legal-obligation source,
 * data category, country, subdivision or obligation code written as a string in a {@code .drl} file must be one the
 * contract knows, or the policy data declares (the list {@code regimes}, the obligation catalogue). An obligation is
 * attached by its code alone: a wording written in the rule is refused, since the catalogue holds the one wording. Drools compiles {@code step == "OUTRECH"} without complaint and
 * the rule then never fires; this check reports it as {@code file:line:column: unknown step "OUTRECH" ...}, the column
 * pointing at the opening quote.
 *
 * <p>What is read: comparisons {@code field == "X"}, {@code field != "X"}, {@code field in ("X", "Y")},
 * {@code field not in (...)}, {@code field contains "X"}, where the field is a known one or a variable bound to one in
 * the same file ({@code $step : step}); and the calls {@code validFor("STEP", "CHANNEL")}, {@code expressFor("CHANNEL")},
 * {@code new InScope("REGIME")}, {@code new Exclusion("REGIME", ...)}, {@code new ConsentGround("REGIME", ...)} and {@code oblige("CODE", ...)}. Comments are
 * skipped. Other strings (messages, citations, policy keys) are not vocabulary and are left alone.
 */
final class VocabularyCheck {
    private static final Pattern COMPARE = Pattern.compile("(\\$?[A-Za-z_][A-Za-z0-9_]*)\\s*(?:==|!=)\\s*(\"[^\"\\n]*\")");
    private static final Pattern IN_LIST = Pattern.compile("(\\$?[A-Za-z_][A-Za-z0-9_]*)\\s+(?:not\\s+)?in\\s*\\(([^()]*)\\)");
    private static final Pattern CONTAINS = Pattern.compile("(\\$?[A-Za-z_][A-Za-z0-9_]*)\\s+(?:not\\s+)?contains\\s+(\"[^\"\\n]*\")");
    private static final Pattern BINDING = Pattern.compile("(\\$[A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*(?:[A-Za-z_][A-Za-z0-9_]*\\.)*([A-Za-z_][A-Za-z0-9_]*)\\s*[,)]");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\n]*)\"");
    private static final Pattern CALL = Pattern.compile("\\b(validFor|expressFor|new\\s+InScope|new\\s+Exclusion|new\\s+ConsentGround|oblige)\\s*\\(\\s*(\"[^\"\\n]*\")(\\s*,\\s*(\"[^\"\\n]*\"))?");
    private static final Pattern SUBDIVISION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    private record Kind(String name, Set<String> values) { }

    private VocabularyCheck() { }

    static List<RuleError> check(RuleSource source, PolicyData policy) {
        List<String> regimes = policy.regimes();
        Kind step = new Kind("step", Vocabulary.STEPS);
        Kind channel = new Kind("channel", Vocabulary.CHANNELS);
        Kind regime = new Kind("regime", Set.copyOf(regimes));
        Kind obligation = new Kind("obligation code", policy.obligations().codes());
        Kind country = new Kind("country", Vocabulary.COUNTRIES);
        Map<String, Kind> fields = new HashMap<>();
        fields.put("step", step);
        fields.put("channel", channel);
        fields.put("regime", regime);
        fields.put("scope", new Kind("suppression scope", Vocabulary.SUPPRESSION_SCOPES));
        fields.put("article6", new Kind("Art. 6 basis", Vocabulary.ARTICLE6));
        fields.put("article9", new Kind("Art. 9 exemption", Vocabulary.ARTICLE9));
        fields.put("subscriber", new Kind("subscriber type", Vocabulary.SUBSCRIBER_TYPES));
        fields.put("subscriberType", new Kind("subscriber type", Vocabulary.SUBSCRIBER_TYPES));
        fields.put("tps", new Kind("register status", Vocabulary.REGISTER_STATUSES));
        fields.put("ctps", new Kind("register status", Vocabulary.REGISTER_STATUSES));
        fields.put("promotes", new Kind("message.promotes value", Vocabulary.PROMOTES));
        fields.put("source", new Kind("legal-obligation source", Vocabulary.LEGAL_OBLIGATION_SOURCES));
        fields.put("categories", new Kind("data category", Vocabulary.DATA_CATEGORIES));
        fields.put("country", country);
        fields.put("location", country);
        fields.put("subdivision", new Kind("subdivision", Set.of()));

        List<RuleError> errors = new ArrayList<>();
        for (RuleFile f : source.files()) {
            if (!f.isRules()) {
                continue;
            }
            String text = withoutComments(f.text());
            String shown = source.shown(f.path());
            Map<String, Kind> known = new HashMap<>(fields);
            Matcher b = BINDING.matcher(text);
            while (b.find()) {
                Kind k = fields.get(b.group(2));
                if (k != null) {
                    known.put(b.group(1), k);
                }
            }
            Matcher m = COMPARE.matcher(text);
            while (m.find()) {
                Kind k = known.get(m.group(1));
                if (k != null) {
                    literal(errors, shown, text, m.start(2), m.group(2), k);
                }
            }
            m = CONTAINS.matcher(text);
            while (m.find()) {
                Kind k = known.get(m.group(1));
                if (k != null) {
                    literal(errors, shown, text, m.start(2), m.group(2), k);
                }
            }
            m = IN_LIST.matcher(text);
            while (m.find()) {
                Kind k = known.get(m.group(1));
                if (k == null) {
                    continue;
                }
                Matcher s = STRING.matcher(m.group(2));
                while (s.find()) {
                    literal(errors, shown, text, m.start(2) + s.start(), s.group(), k);
                }
            }
            m = CALL.matcher(text);
            while (m.find()) {
                String call = m.group(1).replaceAll("\\s+", " ");
                Kind first = switch (call) {
                    case "validFor" -> step;
                    case "expressFor" -> channel;
                    case "oblige" -> obligation;
                    default -> regime;
                };
                literal(errors, shown, text, m.start(2), m.group(2), first);
                if (call.equals("validFor") && m.group(4) != null) {
                    literal(errors, shown, text, m.start(4), m.group(4), channel);
                }
                if (call.equals("oblige") && m.group(4) != null) {
                    String code = m.group(2).substring(1, m.group(2).length() - 1);
                    int[] at = position(text, m.start(4));
                    errors.add(new RuleError(shown, at[0], at[1], "obligation " + code + " takes its one wording from the obligation "
                        + "catalogue in " + PolicyData.FILE + ": write decision.oblige(\"" + code + "\"), with a due date if it has one, "
                        + "and change the wording there"));
                }
            }
        }
        errors.sort((x, y) -> x.file().equals(y.file()) ? Integer.compare(x.line() * 10_000 + x.column(), y.line() * 10_000 + y.column())
            : x.file().compareTo(y.file()));
        return errors;
    }

    private static void literal(List<RuleError> errors, String file, String text, int quoteAt, String quoted, Kind kind) {
        String value = quoted.substring(1, quoted.length() - 1);
        boolean ok = kind.name().equals("subdivision")
            ? SUBDIVISION.matcher(value).matches() && Vocabulary.COUNTRIES.contains(value.substring(0, 2))
            : kind.values().contains(value);
        if (ok) {
            return;
        }
        int[] at = position(text, quoteAt);
        int line = at[0];
        int column = at[1];
        String message;
        if (kind.name().equals("subdivision")) {
            message = "unknown subdivision \"" + value + "\": an ISO 3166-2 code such as US-WA or CA-ON";
        } else if (kind.name().equals("country")) {
            message = "unknown country \"" + value + "\": an ISO 3166-1 alpha-2 code such as GB, US or CA";
        } else {
            String near = nearest(value, kind.values());
            message = "unknown " + kind.name() + " \"" + value + "\"" + (near == null ? "" : " (did you mean \"" + near + "\"?)")
                + "; the rule would never match it. Known: " + String.join(", ", kind.values());
        }
        errors.add(new RuleError(file, line, column, message));
    }

    /** The 1-based line and column of an offset. */
    static int[] position(String text, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** The known value closest to a misspelling (at most a third of its letters off), or null. */
    private static String nearest(String value, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String v = value.toUpperCase(Locale.ROOT);
        for (String k : known) {
            int d = distance(v, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(1, best.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The text with comments blanked out (offsets kept, newlines kept), strings left as they are. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        boolean inString = false;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"' || c == '\n') {
                    inString = false;
                }
                i++;
            } else if (c == '"') {
                inString = true;
                i++;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                for (; i < end; i++) {
                    if (text.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }
}
