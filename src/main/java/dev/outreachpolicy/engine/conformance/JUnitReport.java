package dev.outreachpolicy.engine.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes fixture results as JUnit XML, the report every build server reads: one testcase per fixture (class =
 * the fixture's folder, name = its file), a failure per case with each failed expectation, and one testcase
 * per rule-coverage gap so that a rule no fixture exercises fails the build visibly.
 */
public final class JUnitReport {
    private JUnitReport() { }

    public static void write(Path file, String suiteName, List<FixtureResult> results, Coverage coverage) throws IOException {
        List<Coverage.RuleCoverage> gaps = coverage == null ? List.of() : coverage.gaps();
        long failures = results.stream().filter(r -> !r.passed()).count() + gaps.size();
        double seconds = results.stream().mapToLong(FixtureResult::nanos).sum() / 1e9;
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
            esc(suiteName), results.size() + (coverage == null ? 0 : coverage.rules().size()), failures, seconds));
        for (FixtureResult r : results) {
            String path = r.fixture().path();
            int slash = path.lastIndexOf('/');
            String cls = slash < 0 ? "fixtures" : "fixtures." + path.substring(0, slash).replace('/', '.');
            x.append(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.4f\">", esc(cls),
                esc(path.substring(slash + 1)), r.nanos() / 1e9));
            if (!r.passed()) {
                x.append("\n    <failure message=\"").append(esc(r.failures().get(0))).append("\">")
                    .append(esc(String.join("\n", r.failures()))).append("</failure>\n  ");
            }
            x.append("</testcase>\n");
        }
        if (coverage != null) {
            for (Coverage.RuleCoverage c : coverage.rules()) {
                x.append(String.format(Locale.ROOT, "  <testcase classname=\"coverage.%s\" name=\"%s\" time=\"0\">",
                    esc(c.rule().file().replace('/', '.')), esc(c.rule().name())));
                if (!c.complete()) {
                    String why = c.fired() == 0 ? "no fixture makes this rule fire"
                        : c.expectedToFire() == 0 ? "no fixture lists this rule in fires"
                        : "no fixture lists this rule in notFires";
                    x.append("\n    <failure message=\"").append(esc(why)).append("\">").append(esc(c.rule().file() + ":"
                        + c.rule().line() + ": " + why)).append("</failure>\n  ");
                }
                x.append("</testcase>\n");
            }
        }
        x.append("</testsuite>\n");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
