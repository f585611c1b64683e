package dev.outreachpolicy.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while decisions are in flight, on the embedded store: every request the service accepted is answered with
 * its durable answer (or refused before any work), a stream that was mid-way when the signal came is answered to its
 * last line, new connections are refused once the service has stopped listening, and the store holds exactly the
 * decisions that were answered: none half-written, none answered and lost. Before, a SIGTERM mid-stream gave 503 lines.
 */
class GracefulShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STREAM_LINES = 6000;

    @TempDir
    Path dir;

    /** What one single request came to. */
    private record Single(String campaign, int status, String contentType, String body, String cut) { }

    @Test
    void sigtermDrainsSingleDecisionsAndAStreamMidWayBeforeTheStoreStops() throws Exception {
        Path data = dir.resolve("data");
        String run = Long.toString(System.nanoTime(), 36);
        ObjectNode example = (ObjectNode) JSON.readTree(Files.readString(Path.of("src/test/resources/contract-example.json")));
        try (ServiceProcess service = ServiceProcess.start(dir.resolve("run1"), Map.of("POLICY_DATA_DIR", data.toString()))) {
            drain(service, data, run, example);
        }
    }

    private void drain(ServiceProcess service, Path data, String run, ObjectNode example) throws Exception {
        int port = service.port();

        // 1. A stream: the first half sent and partly answered before the signal, the rest sent after it.
        String streamCampaign = "gs-stream-" + run;
        List<String> streamLines = new ArrayList<>();
        for (int i = 0; i < STREAM_LINES; i++) {
            ObjectNode r = example.deepCopy();
            r.put("campaign", streamCampaign);
            ((ObjectNode) r.get("prospect")).put("ref", "crm:gs-" + run + "-s" + i).put("email", "s" + i + "." + run + "@acme.co.uk");
            streamLines.add(r.toString());
        }
        Socket stream = new Socket();
        stream.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        stream.setSoTimeout(120_000);
        OutputStream streamOut = stream.getOutputStream();
        streamOut.write(("POST /v1/decisions:stream HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-ndjson\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        List<String> answers = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch someAnswered = new CountDownLatch(200);
        ExecutorService readers = Executors.newFixedThreadPool(9);
        Future<String> streamEnd = readers.submit(() -> readStream(stream.getInputStream(), answers, someAnswered));
        sendLines(streamOut, streamLines.subList(0, STREAM_LINES / 2)); // answers start after eight chunks of 256 are read

        // 2. Single decisions from eight clients, each on its own connection, until the service stops listening.
        Map<String, Single> singles = new ConcurrentHashMap<>();
        AtomicBoolean go = new AtomicBoolean(true);
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int client = t;
            clients.add(readers.submit(() -> {
                for (int i = 0; go.get(); i++) {
                    String campaign = "gs-" + run + "-" + client + "-" + i;
                    ObjectNode r = example.deepCopy();
                    r.put("campaign", campaign);
                    ((ObjectNode) r.get("prospect")).put("ref", "crm:gs-" + run + "-" + client + "-" + i);
                    Single s = postOnce(port, campaign, r.toString());
                    singles.put(campaign, s);
                    if (s.cut() != null) {
                        return null; // the service no longer listens (refused), or closed its port under a connection it never read
                    }
                    if (s.status() == 503) {
                        Thread.sleep(20); // as a client told Retry-After would, without flooding the machine
                    }
                }
                return null;
            }));
        }
        assertTrue(someAnswered.await(60, TimeUnit.SECONDS), "the stream was being answered before the signal:\n" + service.tail());
        Thread.sleep(300);

        // 3. SIGTERM, then the rest of the stream.
        ProcessHandle pid = service.pid();
        pid.destroy();
        int answeredAtSignal = answers.size();
        for (int from = STREAM_LINES / 2; from < STREAM_LINES; from += 250) {
            sendLines(streamOut, streamLines.subList(from, Math.min(STREAM_LINES, from + 250)));
            Thread.sleep(20);
        }
        streamOut.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        streamOut.flush();
        String streamStatus = streamEnd.get(120, TimeUnit.SECONDS);
        int exit = service.awaitExit();
        go.set(false);
        for (Future<?> c : clients) {
            c.get(60, TimeUnit.SECONDS);
        }
        readers.shutdownNow();
        stream.close();
        String log = service.log();

        // The stream: lines 1..k answered with durable decisions, in order; if the service had to stop reading before the
        // end (quarkus.shutdown.timeout less a margin), one last line says so and from which line to send again.
        assertEquals("200", streamStatus, "the stream's status");
        assertTrue(answeredAtSignal < STREAM_LINES, "the signal came mid-stream (" + answeredAtSignal + " answered)");
        List<String> decided = answers;
        if (!answers.isEmpty() && answers.get(answers.size() - 1).contains("/problems/shutting-down")) {
            JsonNode last = JSON.readTree(answers.get(answers.size() - 1));
            decided = answers.subList(0, answers.size() - 1);
            assertEquals(decided.size() + 1, last.path("line").asInt(), "the stream says where reading stopped: " + last);
        } else {
            assertEquals(STREAM_LINES, answers.size(), "the stream is answered to its last line; the log:\n" + tail(log));
        }
        List<String> problems = decided.stream().filter(a -> !a.contains("\"decisionId\"")).limit(3).toList();
        assertEquals(List.of(), problems, "every line read is answered with a decision");
        Map<String, String> streamIds = new HashMap<>();
        for (String a : decided) {
            streamIds.put(JSON.readTree(a).path("decisionId").asText(), "stream");
        }

        // The single requests: each answered 200, or refused before any work (a problem document or a refused connection).
        Map<String, String> answered = new HashMap<>();
        int refusedConnections = 0;
        int refusedRequests = 0;
        int resetConnections = 0;
        List<String> bad = new ArrayList<>();
        for (Single s : singles.values()) {
            if (s.status() == 200) {
                answered.put(s.campaign(), JSON.readTree(s.body()).path("decisionId").asText());
            } else if (s.status() > 0) {
                if (s.status() != 503 || !s.contentType().startsWith("application/problem+json") || !s.body().contains("/problems/shutting-down")) {
                    bad.add(s.campaign() + ": " + s.status() + " " + s.contentType() + " " + s.body());
                }
                refusedRequests++;
            } else if (s.cut().startsWith("refused")) {
                refusedConnections++;
            } else {
                // A connection the kernel took while the port was closing, and that the service never read: it is reset.
                // That nothing of it was recorded is checked against the store below (only answered decisions are there).
                resetConnections++;
            }
        }
        System.out.printf("graceful shutdown: stream %d lines answered (%d at the signal); single requests %d answered, %d refused"
            + " with a 503 problem, %d connections refused, %d reset as the port closed%n", answers.size(), answeredAtSignal, answered.size(),
            refusedRequests, refusedConnections, resetConnections);
        assertTrue(answered.size() > 20, "the single requests ran: " + answered.size());
        assertTrue(refusedConnections + resetConnections == 8, "every client found the port closed in the end");
        assertTrue(refusedRequests > 0, "requests that arrived after the signal were refused with a problem");
        assertEquals(List.of(), bad, "an accepted request is answered, or refused with a problem document");
        assertTrue(exit == 0 || exit == 143, "the service exits as a JVM ends on SIGTERM (143) after its shutdown hooks, got " + exit
            + ":\n" + tail(log));
        assertTrue(!log.contains("ERROR"), "nothing fails while stopping:\n" + tail(log));

        // The store: exactly the answered decisions, none other.
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, 0);
             Connection c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, campaign FROM decision_records WHERE campaign LIKE 'gs-%" + run + "%'")) {
            Map<String, String> storedSingles = new HashMap<>();
            Map<String, String> storedStream = new HashMap<>();
            while (rs.next()) {
                if (rs.getString(2).equals(streamCampaign)) {
                    storedStream.put(rs.getString(1), "stream");
                } else {
                    storedSingles.put(rs.getString(2), rs.getString(1));
                }
            }
            assertEquals(answered, storedSingles, "the stored single decisions are exactly the answered ones");
            assertEquals(streamIds, storedStream, "the stored stream decisions are exactly the answered lines");
        }
    }

    private static void sendLines(OutputStream out, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads a chunked NDJSON answer line by line; returns its status. */
    private static String readStream(InputStream in, List<String> answers, CountDownLatch progress) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String status = r.readLine();
        String h;
        boolean chunked = false;
        while ((h = r.readLine()) != null && !h.isEmpty()) {
            chunked |= h.toLowerCase(java.util.Locale.ROOT).startsWith("transfer-encoding: chunked");
        }
        if (!chunked) {
            throw new IOException("not a chunked answer: " + status);
        }
        StringBuilder partial = new StringBuilder();
        while (true) {
            String size = r.readLine();
            if (size == null) {
                break; // cut
            }
            int n = Integer.parseInt(size.trim(), 16);
            if (n == 0) {
                break;
            }
            char[] buf = new char[n];
            int got = 0;
            // sizes count bytes; the answers are ASCII
            while (got < n) {
                int k = r.read(buf, got, n - got);
                if (k < 0) {
                    throw new IOException("cut inside a chunk");
                }
                got += k;
            }
            r.readLine();
            partial.append(buf);
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                answers.add(partial.substring(0, nl));
                partial.delete(0, nl + 1);
                progress.countDown();
            }
        }
        return status == null ? "none" : status.split(" ")[1];
    }

    /** One POST on its own connection (Connection: close): the status and body, or how it was cut. */
    private static Single postOnce(int port, String campaign, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            } catch (ConnectException e) {
                return new Single(campaign, 0, "", "", "refused: " + e.getMessage());
            }
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(("POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                return new Single(campaign, 0, "", "", "send failed: " + e);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(all);
            } catch (IOException e) {
                if (all.size() == 0) {
                    return new Single(campaign, 0, "", "", "no answer: " + e);
                }
            }
            String text = all.toString(StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return new Single(campaign, 0, "", "", "closed without an answer");
            }
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String rest = end < 0 ? "" : text.substring(end + 4);
            int status = Integer.parseInt(head.split(" ")[1]);
            String type = "";
            boolean chunked = false;
            for (String line : head.split("\r\n")) {
                String l = line.toLowerCase(java.util.Locale.ROOT);
                if (l.startsWith("content-type:")) {
                    type = line.substring(13).trim();
                }
                chunked |= l.startsWith("transfer-encoding: chunked");
            }
            return new Single(campaign, status, type, chunked ? dechunk(rest) : rest, null);
        } catch (IOException e) {
            return new Single(campaign, 0, "", "", "failed: " + e);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int n = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (n == 0) {
                break;
            }
            out.append(s, eol + 2, eol + 2 + n);
            i = eol + 2 + n + 2;
        }
        return out.toString();
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }
}
