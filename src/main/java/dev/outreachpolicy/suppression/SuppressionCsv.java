package dev.outreachpolicy.suppression;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The block list as CSV, read and written per RFC 4180 with Apache Commons CSV: quoted cells, embedded commas, quotes
 * and line breaks. On export, a cell that a spreadsheet would run as a formula (it begins with {@code =}, {@code +},
 * {@code -}, {@code @}, a tab or a carriage return) is prefixed with a single quote, as OWASP advises against CSV
 * injection; a line break inside a cell stays inside its quoted cell and cannot forge a row.
 */
public final class SuppressionCsv {
    public static final String[] EXPORT_HEADER = {"id", "kind", "masked", "key_id", "identifier_hash", "scope", "source", "at", "recorded_at"};
    private static final CSVFormat EXPORT = CSVFormat.RFC4180.builder().setHeader(EXPORT_HEADER).get();
    private static final CSVFormat IMPORT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).setTrim(true).get();

    private SuppressionCsv() { }

    /** The export: one row per entry, the identifier as its keyed hash. */
    public static String export(List<SuppressionStore.Exported> entries) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, EXPORT)) {
            for (SuppressionStore.Exported x : entries) {
                SuppressionEntry e = x.entry();
                printer.printRecord(e.id(), e.kind(), guard(e.masked()), e.keyId(), x.hashHex(), e.scope(), guard(e.source()), e.at(),
                    e.recordedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** OWASP's guard against formula injection: a leading single quote makes a spreadsheet show the cell as text. */
    static String guard(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    /** One row of an import: its line number in the file (the header is line 1) and its non-empty cells by column. */
    public record Row(long line, Map<String, String> cells) { }

    /** The rows of an import with a header line; a malformed file (an unclosed quote) is an {@link IllegalArgumentException}. */
    public static List<Row> read(String body) {
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(body)).setFormat(IMPORT).get()) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            for (CSVRecord r : parser) {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int c = 0; c < header.size() && c < r.size(); c++) {
                    String v = r.get(c);
                    if (v != null && !v.isEmpty()) {
                        cells.put(header.get(c), v);
                    }
                }
                rows.add(new Row(r.getRecordNumber() + 1, cells));
            }
            return rows;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
