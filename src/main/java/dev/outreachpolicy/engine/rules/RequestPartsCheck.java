package dev.outreachpolicy.engine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a pattern on a part of the request ({@code Prospect( ... )}, {@code Processing( ... )}, ...). Those parts are
 * not facts of their own: the rules see them only through the one {@code Request} fact, so such a pattern compiles in
 * Drools and then never matches, and the rule silently never fires. The check points at the pattern and says what to
 * write instead ({@code Request( prospect.location == "GB" )}), the way {@link VocabularyCheck} points at an unknown
 * value.
 */
final class RequestPartsCheck {
    /** The type names of the request's parts, as a pattern names them, and the property of {@code Request} that holds each. */
    private static final Pattern PART = Pattern.compile(
        "(?<![A-Za-z0-9_$.])(Processing|Controller|Prospect|Basis|Data|Message|AsOf)\\s*\\(");
    private static final Pattern NEW = Pattern.compile("new\\s+$");

    private RequestPartsCheck() { }

    static List<RuleError> check(RuleSource source) {
        List<RuleError> errors = new ArrayList<>();
        for (RuleFile f : source.files()) {
            if (!f.isRules()) {
                continue;
            }
            String text = withoutStrings(VocabularyCheck.withoutComments(f.text()));
            Matcher m = PART.matcher(text);
            while (m.find()) {
                String before = text.substring(Math.max(0, m.start() - 8), m.start());
                if (NEW.matcher(before).find()) {
                    continue;    // a constructor call in a consequence or a function, not a pattern
                }
                String type = m.group(1);
                String property = type.equals("AsOf") ? "asOf" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
                int[] at = VocabularyCheck.position(text, m.start());
                errors.add(new RuleError(source.shown(f.path()), at[0], at[1], type + " is a part of the request, not a fact of "
                    + "its own: this pattern would never match. Test it inside the rule's Request pattern, as Request( "
                    + property + ".… ) (rules/README.md, section 3.4)"));
            }
        }
        return errors;
    }

    /** The text with the contents of string literals blanked (offsets and newlines kept), so that a message is never read as a pattern. */
    private static String withoutStrings(String text) {
        StringBuilder out = new StringBuilder(text);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\' && i + 1 < text.length()) {
                    out.setCharAt(i, ' ');
                    out.setCharAt(++i, ' ');
                } else if (c == '"' || c == '\n') {
                    inString = false;
                } else {
                    out.setCharAt(i, ' ');
                }
            } else if (c == '"') {
                inString = true;
            }
        }
        return out.toString();
    }
}
