package dev.outreachpolicy.api;

import dev.outreachpolicy.engine.input.InvalidInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CSV of an import, sent either as the request body ({@code curl --data-binary @list.csv}) or as the one file
 * of a {@code multipart/form-data} form ({@code curl -F file=@list.csv}), so that both ways a person tries work.
 */
final class CsvUpload {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private CsvUpload() { }

    static String text(String contentType, String body) {
        if (body == null || contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return body;
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new InvalidInputException("/", "a multipart/form-data body needs its boundary in the Content-Type");
        }
        String delimiter = "--" + m.group(1);
        int start = body.indexOf(delimiter);
        if (start < 0) {
            throw new InvalidInputException("/", "the multipart body holds no part: send the file as -F file=@list.csv");
        }
        int headersEnd = body.indexOf("\r\n\r\n", start);
        int skip = 4;
        if (headersEnd < 0) {
            headersEnd = body.indexOf("\n\n", start);
            skip = 2;
        }
        int end = body.indexOf(delimiter, start + delimiter.length());
        if (headersEnd < 0 || end < 0 || end < headersEnd) {
            throw new InvalidInputException("/", "the multipart body is incomplete: send the file as -F file=@list.csv");
        }
        String part = body.substring(headersEnd + skip, end);
        return part.endsWith("\r\n") ? part.substring(0, part.length() - 2) : part.endsWith("\n") ? part.substring(0, part.length() - 1) : part;
    }
}
