package dev.outreachpolicy.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code POST /v1/decisions:stream} kept open: lines are sent when the test says so (chunked), and answer lines read
 * as they come, so that a test can hold a stream across something else (a rule edit, a reload) and end it later.
 */
final class HeldStream implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int status;
    private final StringBuilder body = new StringBuilder();
    private int chunkLeft = -1;
    private boolean ended;

    /** @param bearer the API key, or null to send none */
    HeldStream(int port, String bearer) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        out.write(("POST /v1/decisions:stream HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-ndjson\r\n"
            + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "Transfer-Encoding: chunked\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Sends these lines (each ends with a newline) as one chunk. */
    HeldStream send(String lines) throws IOException {
        byte[] b = lines.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /** Ends the request body: the stream answers what is left and ends. */
    HeldStream end() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /** Reads until {@code n} answer lines in all have come (or the answer ended); returns every answer line so far. */
    List<String> answers(int n) throws IOException {
        if (status == 0) {
            String head = readUntil("\r\n\r\n");
            status = Integer.parseInt(head.substring(9, 12));
        }
        while (lines().size() < n && !ended) {
            if (chunkLeft <= 0) {
                if (chunkLeft == 0) {
                    readUntil("\r\n");
                }
                String size = readUntil("\r\n").trim();
                chunkLeft = Integer.parseInt(size, 16);
                if (chunkLeft == 0) {
                    ended = true;
                    break;
                }
            }
            byte[] b = in.readNBytes(chunkLeft);
            if (b.length == 0) {
                ended = true;
                break;
            }
            body.append(new String(b, StandardCharsets.UTF_8));
            chunkLeft -= b.length;
        }
        return lines();
    }

    int status() { return status; }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", from)) {
            out.add(body.substring(from, i));
            from = i + 1;
        }
        return out;
    }

    private String readUntil(String end) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (!b.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the answer ended early: " + b.toString(StandardCharsets.ISO_8859_1));
            }
            b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException { socket.close(); }
}
