package dev.outreachpolicy.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The commands of a README shell block, each with the answer the README shows under it, as bash would read them. */
final class ReadmeBlocks {
    /** One command of a block, its line in the README, and the answer shown for it (the comments after it; may be empty). */
    record Step(int line, String command, String shown) { }

    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z][A-Za-z0-9_]*)\"\\s*:");

    private ReadmeBlocks() { }

    /** The JSON field names a text shows ({@code "outcome":}), in order: what a shown answer promises. */
    static Set<String> fields(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * The commands between a block's opening fence (line index {@code open}) and its closing one ({@code close}), with
     * the block's indentation removed: a line ending in a backslash joins the next, as in bash; a comment line is the
     * shown answer of the command before it; a comment at the end of a command line is dropped.
     */
    static List<Step> commands(List<String> readme, int open, int close, int indent) {
        List<Step> steps = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        int commandLine = 0;
        StringBuilder shown = new StringBuilder();
        for (int j = open + 1; j < close; j++) {
            String l = readme.get(j).length() >= indent ? readme.get(j).substring(indent) : readme.get(j).trim();
            if (command.length() > 0 && command.toString().endsWith("\\")) {
                command.append('\n').append(l); // bash joins a line that ends with a backslash to the next
                continue;
            }
            if (l.trim().startsWith("#")) {
                shown.append(l.trim().substring(1)).append('\n');
                continue;
            }
            if (l.isBlank()) {
                continue;
            }
            if (command.length() > 0) {
                steps.add(new Step(commandLine, command.toString(), shown.toString()));
            }
            command = new StringBuilder(l.replaceAll("\\s+#\\s.*$", "").stripTrailing());
            commandLine = j + 1;
            shown = new StringBuilder(); // comments before a block's first command describe the block
        }
        if (command.length() > 0) {
            steps.add(new Step(commandLine, command.toString(), shown.toString()));
        }
        return steps;
    }

    /** The steps with a ```json block that follows the shell block (at {@code close + 1}) added to the last one's answer. */
    static List<Step> withJsonAnswer(List<String> readme, int close, List<Step> steps) {
        if (close + 1 >= readme.size() || !readme.get(close + 1).trim().equals("```json") || steps.isEmpty()) {
            return steps;
        }
        StringBuilder json = new StringBuilder();
        for (int j = close + 2; j < readme.size() && !readme.get(j).trim().equals("```"); j++) {
            json.append(readme.get(j)).append('\n');
        }
        List<Step> out = new ArrayList<>(steps);
        Step last = out.remove(out.size() - 1);
        out.add(new Step(last.line(), last.command(), last.shown() + json));
        return out;
    }
}
