package dev.outreachpolicy.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Limits and well-formedness of what arrives before any resource reads it, each refusal a problem document:
 * a request line longer than {@value #MAX_URI} characters is a 414, headers over {@value #MAX_HEADERS} bytes a 431,
 * a declared body over {@value #MAX_BODY} bytes a 413; a path or query whose percent-encoding is not UTF-8, or that
 * carries a NUL or another control character, is a 400 naming the parameter. (Vert.x's own, higher, connection
 * limits stay behind these as a last guard; requests beyond them are refused without a body.)
 */
@ApplicationScoped
public class RequestLimits {
    static final int PRIORITY = 1000;
    public static final int MAX_URI = 8192;
    public static final int MAX_HEADERS = 16 * 1024;
    public static final long MAX_BODY = 10L * 1024 * 1024;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext rc) {
        String uri = rc.request().uri();
        if (uri.length() > MAX_URI) {
            HttpProblem.send(rc, 414, "uri-too-long", "URI too long", "the request line holds more than " + MAX_URI
                + " characters; send long input in a body", "/uri");
            return;
        }
        MultiMap headers = rc.request().headers();
        long size = 0;
        for (Map.Entry<String, String> h : headers) {
            size += h.getKey().length() + h.getValue().length() + 4;
        }
        if (size > MAX_HEADERS) {
            HttpProblem.send(rc, 431, "headers-too-large", "Request header fields too large",
                "the headers hold more than " + MAX_HEADERS + " bytes", "/headers");
            return;
        }
        String length = headers.get("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 0) {
                HttpProblem.send(rc, 400, "invalid-request", "The request is invalid", "Content-Length is not a number",
                    "/headers/Content-Length");
                return;
            }
            if (n > MAX_BODY && !BodyLimits.isStream(rc.request().path())) {
                HttpProblem.send(rc, 413, "body-too-large", "Request body too large", "the body holds " + n
                    + " bytes; at most " + MAX_BODY + " are taken (split an import into several files)", "/");
                return;
            }
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String bad = badPart(path);
        if (bad != null) {
            HttpProblem.send(rc, 400, "invalid-request", "The request is invalid", "the path " + bad, "/path");
            return;
        }
        if (q >= 0) {
            for (String pair : uri.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                String name = decodeOrNull(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                String problem = badPart(eq < 0 ? pair : pair.substring(0, eq));
                if (problem == null) {
                    problem = badPart(value);
                }
                if (problem != null) {
                    String pointer = "/" + (name == null || badPart(eq < 0 ? pair : pair.substring(0, eq)) != null ? "query"
                        : name.replace("~", "~0").replace("/", "~1"));
                    HttpProblem.send(rc, 400, "invalid-request", "The request is invalid", "the query parameter " + problem, pointer);
                    return;
                }
            }
        }
        rc.next();
    }

    /** Why a raw (percent-encoded) part is refused, or null when it decodes to UTF-8 text without control characters. */
    static String badPart(String raw) {
        String decoded = decodeOrNull(raw);
        if (decoded == null) {
            return "is not percent-encoded UTF-8";
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "holds a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    /** Strict percent-decoding: malformed escapes or bytes that are not UTF-8 (lone surrogates included) give null. */
    static String decodeOrNull(String raw) {
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 4);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c == '+') {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
