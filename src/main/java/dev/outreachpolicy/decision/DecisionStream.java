package dev.outreachpolicy.decision;

import dev.outreachpolicy.engine.request.DecisionRequest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.serving.HeldRuleset;
import dev.outreachpolicy.engine.input.InvalidInputException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Streaming batches ({@code POST /v1/decisions:stream}): NDJSON in, NDJSON out, one answer line per input line in
 * the same order. Lines are read in chunks; each chunk's lines are evaluated on the service's evaluators (a thread
 * per core), the store read for the chunk on a pool of its own (it waits for round trips), its decisions handed to the group commit together, and its answer
 * lines written once the chunk's records are durable. A few chunks are in flight at a time, so memory stays flat
 * whatever the length of the stream, and reading, evaluating and committing overlap.
 *
 * <p>A line that is not a valid decision request gets {@code {"line": n, "status": 400, "errors": [...]}} (the
 * problem document of a single request, with its line number) and the stream goes on; so does a chunk whose records
 * could not be written: each of its lines gets a 503 problem and none of its decisions is recorded.
 */
@ApplicationScoped
public class DecisionStream {
    /** Lines per chunk, by default ({@code policy.stream.chunk}): one group commit each (several chunks may share one). */
    static final int CHUNK = 256;
    /**
     * Chunks in flight (read, evaluating or committing) per stream, by default ({@code policy.stream.window}). A line in
     * flight holds its request, decision and JSON until its chunk is durable and answered, so fewer lines in flight
     * mean fewer collections of a small heap; but measured on two cores (bench/RESULTS.md, issue 8, the stream's round),
     * 256 to 512 lines in flight left the evaluators waiting for commits and were slower than these 2,048.
     */
    static final int WINDOW = 8;
    /** A longer line is answered with a 400 and skipped, so that one line cannot take the memory. */
    public static final int MAX_LINE_CHARS = 256 * 1024;
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final DecisionService decisions;
    private final ObjectMapper json;
    private final ExecutorService pool;
    private final int window;
    private final int chunk;

    @Inject
    public DecisionStream(DecisionService decisions, ObjectMapper json,
                          @ConfigProperty(name = "policy.stream.threads", defaultValue = "0") int threads,
                          @ConfigProperty(name = "policy.stream.window", defaultValue = "0") int window,
                          @ConfigProperty(name = "policy.stream.chunk", defaultValue = "0") int chunk) {
        this.decisions = decisions;
        this.json = json;
        this.window = window > 0 ? window : WINDOW;
        this.chunk = chunk > 0 ? chunk : CHUNK;
        int n = threads > 0 ? threads : Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "decision-stream-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() { pool.shutdown(); }

    /** Who asks, on the request's thread: recorded with the stream's decisions (see {@link DecisionService#callerIdentity}). */
    public java.util.Optional<String> callerIdentity() { return decisions.callerIdentity(); }

    /** What the stream counted: lines read, decisions recorded, lines answered with a problem. */
    public record Totals(long lines, long decided, long problems) { }

    /**
     * Reads decision requests from {@code in}, one per line, and writes one answer line per request to {@code out}.
     * @param whatIfAllowed whether the caller may ask about an asOf more than 24 hours ahead
     */
    public Totals run(InputStream in, OutputStream out, boolean whatIfAllowed, ProblemWriter problems) throws IOException {
        return run(in, out, whatIfAllowed, problems, decisions.callerIdentity());
    }

    /** @param caller who asks, taken on the request's thread: recorded with every decision of the stream */
    public Totals run(InputStream in, OutputStream out, boolean whatIfAllowed, ProblemWriter problems, java.util.Optional<String> caller)
        throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        LineReader lines = new LineReader(reader);
        ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
        long[] totals = new long[3];
        boolean more = true;
        while (more || !inFlight.isEmpty()) {
            while (more && inFlight.size() < window) {
                Chunk c = readChunk(lines, whatIfAllowed, problems, caller);
                if (c == null) {
                    more = false;
                } else {
                    inFlight.add(c);
                }
            }
            Chunk head = inFlight.poll();
            if (head != null) {
                head.writeTo(writer, problems, totals);
                writer.flush();
            }
        }
        writer.flush();
        return new Totals(totals[0], totals[1], totals[2]);
    }

    /** A chunk's lines: each evaluated on the pool, then all its decisions recorded together. */
    private final class Chunk {
        final long firstLine;
        final List<CompletableFuture<Object>> answers = new ArrayList<>(CHUNK);
        CompletableFuture<java.util.Optional<String>> durable;

        Chunk(long firstLine) { this.firstLine = firstLine; }

        void writeTo(Writer w, ProblemWriter problems, long[] totals) throws IOException {
            boolean recorded = true;
            try {
                durable.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                recorded = false;
            }
            for (int i = 0; i < answers.size(); i++) {
                Object a = answers.get(i).join();
                totals[0]++;
                if (a instanceof DecisionRecords.Entry e) {
                    if (recorded) {
                        totals[1]++;
                        w.write(e.responseJson());
                    } else {
                        totals[2]++;
                        ObjectNode p = problemFor(firstLine + i, 503, "store-unavailable", "The store is unavailable",
                            "the decisions of this part of the stream could not be recorded; none of them is given (fail closed)");
                        w.write(p.toString());
                    }
                } else {
                    totals[2]++;
                    w.write(a.toString());
                }
                w.write('\n');
            }
        }
    }

    private Chunk readChunk(LineReader lines, boolean whatIfAllowed, ProblemWriter problems, java.util.Optional<String> caller)
        throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> texts = new ArrayList<>(chunk);
        long first = -1;
        for (int i = 0; i < chunk; i++) {
            String line = lines.next();
            if (line == null) {
                break;
            }
            if (first < 0) {
                first = lines.number();
            }
            texts.add(line);
        }
        if (texts.isEmpty()) {
            return null;
        }
        Chunk chunk = new Chunk(first);
        long firstLine = first;
        // 1. each line parsed on the evaluators (a thread per core, shared with single decisions); 2. the block list and
        // consent receipts read once for the chunk's persons, on the stream's pool (it waits for the store); 3. each line
        // resolved and evaluated on the evaluators; 4. the chunk's decisions handed to the group commit together. More
        // threads than cores evaluating made each evaluation slower (sessions and their memories compete for the caches).
        List<CompletableFuture<Object>> parsed = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            long n = firstLine + i;
            parsed.add(CompletableFuture.supplyAsync(() -> parse(text, n, now, whatIfAllowed, problems), decisions.evaluators()));
        }
        CompletableFuture<List<Object>> answers = CompletableFuture.allOf(parsed.toArray(CompletableFuture[]::new))
            .thenComposeAsync(x -> evaluateAll(parsed, firstLine, now, problems), pool);
        for (int i = 0; i < texts.size(); i++) {
            int index = i;
            chunk.answers.add(answers.thenApply(all -> all.get(index)));
        }
        chunk.durable = answers.thenCompose(all -> {
            List<DecisionRecords.Entry> entries = new ArrayList<>(all.size());
            for (Object a : all) {
                if (a instanceof DecisionRecords.Entry e) {
                    entries.add(e);
                }
            }
            return decisions.recordLater(entries, caller);
        });
        return chunk;
    }

    private CompletableFuture<List<Object>> evaluateAll(List<CompletableFuture<Object>> parsed, long firstLine, Instant now,
                                                        ProblemWriter problems) {
        List<DecisionRequest> requests = new ArrayList<>();
        for (CompletableFuture<Object> p : parsed) {
            if (p.join() instanceof DecisionRequest r) {
                requests.add(r);
            }
        }
        List<PreRead> hits;
        try {
            hits = decisions.preRead(requests);
        } catch (RuntimeException e) {
            hits = null; // the store did not answer: every decision of the chunk fails closed below
        }
        // the chunk's lines are judged by one ruleset, held until the last of them is evaluated
        HeldRuleset held = decisions.holdRuleset();
        Ruleset ruleset = held.ruleset();
        List<CompletableFuture<Object>> evaluated = new ArrayList<>(parsed.size());
        int r = 0;
        for (int i = 0; i < parsed.size(); i++) {
            Object p = parsed.get(i).join();
            long n = firstLine + i;
            if (p instanceof DecisionRequest request) {
                PreRead mine = hits == null ? null : hits.get(r);
                r++;
                if (mine == null) {
                    evaluated.add(CompletableFuture.completedFuture(storeProblem(n)));
                } else {
                    evaluated.add(CompletableFuture.supplyAsync(() -> evaluate(request, n, now, ruleset, mine, problems), decisions.evaluators()));
                }
            } else {
                evaluated.add(CompletableFuture.completedFuture(p));
            }
        }
        return CompletableFuture.allOf(evaluated.toArray(CompletableFuture[]::new)).whenComplete((x, t) -> held.close()).thenApply(x -> {
            List<Object> out = new ArrayList<>(evaluated.size());
            for (CompletableFuture<Object> e : evaluated) {
                out.add(e.join());
            }
            return out;
        });
    }

    /** A line read as a request: the parsed request, or its problem as a JSON object with its line number. */
    private Object parse(String line, long n, Instant now, boolean whatIfAllowed, ProblemWriter problems) {
        try {
            if (line == LineReader.TOO_LONG) {
                throw new InvalidInputException("/", "the line is longer than " + MAX_LINE_CHARS + " characters");
            }
            if (line.isBlank()) {
                throw new InvalidInputException("/", "the line is empty: send one JSON object per line");
            }
            JsonNode body;
            try {
                body = STRICT.readTree(line);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException("/", "malformed JSON at column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
            }
            return decisions.parse(body, now, whatIfAllowed);
        } catch (InvalidInputException e) {
            return numbered(problems.invalid(e, ""), n);
        } catch (WhatIfNotAllowedException e) {
            return numbered(problems.forbidden(e.getMessage()), n);
        } catch (RuntimeException e) {
            return storeProblem(n);
        }
    }

    private Object evaluate(DecisionRequest request, long n, Instant now, Ruleset ruleset, PreRead hits, ProblemWriter problems) {
        try {
            return decisions.evaluate(request, now, ruleset, hits);
        } catch (InvalidInputException e) {
            return numbered(problems.invalid(e, ""), n);
        } catch (RuntimeException e) {
            return storeProblem(n);
        } finally {
            // a pool thread is not a request: the decision id put on the log context must not stay for the next line
            org.jboss.logging.MDC.remove(dev.outreachpolicy.logging.DecisionLogContext.KEY);
        }
    }

    private ObjectNode storeProblem(long n) {
        return problemFor(n, 503, "store-unavailable", "The store is unavailable",
            "this line could not be decided; nothing was recorded for it (fail closed)");
    }

    /** The problem with {@code line} first, as the contract shows it. */
    private ObjectNode numbered(ObjectNode problem, long n) {
        ObjectNode out = json.createObjectNode();
        out.put("line", n);
        out.setAll(problem);
        return out;
    }

    private ObjectNode problemFor(long n, int status, String slug, String title, String detail) {
        ObjectNode p = json.createObjectNode();
        p.put("line", n);
        p.put("type", "/problems/" + slug);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        return p;
    }

    /** Lines of at most {@link #MAX_LINE_CHARS} characters, numbered from 1; {@code \r\n} and {@code \n} both end one. */
    static final class LineReader {
        static final String TOO_LONG = new String("\u0000too long");
        private final Reader in;
        private final char[] buf = new char[64 * 1024];
        private int pos;
        private int len;
        private long number;

        LineReader(Reader in) { this.in = in; }

        long number() { return number; }

        /** The next line without its end, {@link #TOO_LONG} for one over the limit, or null at the end of the input. */
        String next() throws IOException {
            StringBuilder sb = null;
            boolean tooLong = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (sb == null && !tooLong) {
                            return null;
                        }
                        number++;
                        return tooLong ? TOO_LONG : strip(sb);
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                if (!tooLong) {
                    if (sb == null) {
                        sb = new StringBuilder(Math.min(4096, pos - start + 16));
                    }
                    sb.append(buf, start, pos - start);
                    if (sb.length() > MAX_LINE_CHARS) {
                        tooLong = true;
                        sb = null;
                    }
                }
                if (pos < len) {
                    pos++;
                    number++;
                    return tooLong ? TOO_LONG : strip(sb == null ? new StringBuilder() : sb);
                }
            }
        }

        private static String strip(StringBuilder sb) {
            int n = sb.length();
            return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
        }
    }
}
