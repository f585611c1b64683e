package dev.outreachpolicy.audit;

import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.idempotency.IdempotencyKeyReusedException;
import dev.outreachpolicy.idempotency.IdempotencyStore;
import dev.outreachpolicy.idempotency.SavedAnswer;
import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.store.StoreKeys;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Group commit of decision records. Request threads hand their entries over and wait; a few writer threads each
 * take whatever has queued up (up to {@code policy.records.group-max} records) and write it in one transaction:
 * the idempotency answers, the persons' keys, every record, and the group's link in the hash chain. Each waiting
 * request is released only once that transaction is committed (synchronous commit: durable), or told that it
 * failed, in which case nothing of its group was recorded. While one group commits the next one gathers, so the
 * cost of a commit is shared by every decision that arrived meanwhile, and a lone decision waits for one commit only.
 *
 * <p>Every writer keeps its own hash chain (a fresh one on each start and after any failed write), so instances
 * and writers never contend for one row; {@link RecordChain} verifies the chains.
 */
@ApplicationScoped
public class RecordWriter {
    private static final Logger LOG = Logger.getLogger(RecordWriter.class);
    static final byte[] GENESIS = new byte[32];
    /**
     * A group's records (one row per element of the arrays), who asked for them, the group's link in its chain, and the
     * commit: one message, one round trip (see {@link #insertAndCommit}).
     */
    private static final String WRITE_GROUP = "INSERT INTO decision_records (id, evaluated_at, as_of, ruleset_version, outcome, step, "
        + "channel, campaign, purpose, subject_id, ref_hash, response, facts_masked, facts_sealed, chain_id, chain_seq) "
        + "SELECT u.id, u.ev::timestamptz, u.asof::timestamptz, u.rv, u.oc, u.st, u.ch, u.ca, u.pu, u.sid::uuid, u.rh, u.re::jsonb, "
        + "u.fm::jsonb, u.fs, ?, ? FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
        + "?::text[], ?::text[], ?::bytea[], ?::text[], ?::text[], ?::bytea[]) AS u(id, ev, asof, rv, oc, st, ch, ca, pu, sid, rh, re, fm, fs);\n"
        + "INSERT INTO decision_callers (decision_id, caller) SELECT * FROM unnest(?::text[], ?::text[]);\n"
        + "INSERT INTO record_batches (chain_id, seq, prev_hash, batch_hash, record_ids, record_hashes, "
        + "record_times) SELECT ?, ?, ?, sha256(?::bytea || string_agg(h, ''::bytea ORDER BY id)), array_agg(id ORDER BY id), "
        + "array_agg(h ORDER BY id), array_agg(evaluated_at ORDER BY id) FROM (SELECT d.id, d.evaluated_at, decision_record_hash(d) AS h "
        + "FROM decision_records d WHERE d.chain_id = ? AND d.chain_seq = ?) g RETURNING batch_hash;\n"
        + "COMMIT";
    private final DataSource db;
    private final SubjectKeys subjects;
    private final IdempotencyStore idempotency;
    private final int groupMax;
    private final LinkedBlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Timer writeTime;
    private final DistributionSummary groupSize;
    private volatile boolean stopping;

    /** Submissions without a key first, then by endpoint and key. */
    private static final java.util.Comparator<Submission> KEY_ORDER = java.util.Comparator.comparing(
        (Submission s) -> s.idem == null ? "" : s.idem.endpoint() + "\u0000" + s.idem.key());

    /** What one request asks to record: its entries and its idempotency slot, and the promise it waits on. */
    private static final class Submission {
        final List<DecisionRecords.Entry> entries;
        final IdempotencyKey idem;
        final String idemBody;
        final Optional<String> caller;
        final CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        Optional<String> saved = Optional.empty();
        /** The key was saved meanwhile for another request: this one is refused, nothing of it recorded. */
        boolean keyReused;
        /** Set while writing: its records go in this group (false when its key already answered). */
        boolean recordNow;

        Submission(List<DecisionRecords.Entry> entries, IdempotencyKey idem, String idemBody, Optional<String> caller) {
            this.entries = entries;
            this.idem = idem;
            this.idemBody = idemBody;
            this.caller = caller;
        }
    }

    @Inject
    public RecordWriter(DataSource db, SubjectKeys subjects, IdempotencyStore idempotency, MeterRegistry metrics,
                        @ConfigProperty(name = "policy.records.writers", defaultValue = "2") int writerCount,
                        @ConfigProperty(name = "policy.records.group-max", defaultValue = "1000") int groupMax) {
        this.db = db;
        this.subjects = subjects;
        this.idempotency = idempotency;
        this.groupMax = groupMax;
        this.writeTime = Timer.builder("policy.records.write").description("Time to write and commit one group of decision records")
            .publishPercentileHistogram().register(metrics);
        this.groupSize = DistributionSummary.builder("policy.records.group.size").description("Decision records per group commit")
            .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue((double) groupMax).register(metrics);
        for (int i = 0; i < Math.max(1, writerCount); i++) {
            Thread t = new Thread(this::run, "record-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /**
     * Records the entries (and the idempotency answer, if any) in the next group; the future completes when they are
     * durable, with the answer saved earlier for the same idempotency key if there was one (then nothing was recorded
     * now), or exceptionally with a {@link StoreException} when the group's write failed (then none of it was).
     */
    public CompletableFuture<Optional<String>> submit(List<DecisionRecords.Entry> entries, IdempotencyKey idem, String idemBody,
                                                      Optional<String> caller) {
        if (entries.isEmpty() && idem == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        Submission s = new Submission(List.copyOf(entries), idem, idemBody, caller);
        if (stopping) {
            s.done.completeExceptionally(new StoreException("the service is stopping", null));
            return s.done;
        }
        queue.add(s);
        if (stopping && queue.remove(s)) {
            // the writers may have found the queue empty and stopped between the check above and the add
            s.done.completeExceptionally(new StoreException("the service is stopping", null));
        }
        return s.done;
    }

    /**
     * A writer of the calling thread's own: for a thread that gathers its own groups of decisions and would otherwise
     * hand them to the writer threads and wait (one more wake-up per decision). Entries added are written, on a hash
     * chain of the lane's own, when {@link Lane#flush} is called, in one transaction, with the same promises as
     * {@link #submit}. Not shared between threads.
     */
    public Lane lane() {
        return new Lane();
    }

    /** See {@link #lane()}. */
    public final class Lane {
        private Chain chain = new Chain();
        private final List<Submission> pending = new ArrayList<>();

        private Lane() { }

        /** As {@link #submit}, but written at the next {@link #flush}. */
        public CompletableFuture<Optional<String>> add(List<DecisionRecords.Entry> entries, IdempotencyKey idem, String idemBody,
                                                       Optional<String> caller) {
            if (entries.isEmpty() && idem == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            Submission s = new Submission(List.copyOf(entries), idem, idemBody, caller);
            pending.add(s);
            return s.done;
        }

        /** Writes what was added, in one transaction; each future completes (or fails) before this returns. */
        public void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<Submission> group = List.copyOf(pending);
            pending.clear();
            try {
                chain = writeIsolatingBadData(group, chain);
            } catch (Throwable e) {
                // whatever went wrong, no request of the group is left waiting
                fail(group, e instanceof Exception x ? x : new RuntimeException(e));
                chain = new Chain();
                if (e instanceof Error fatal) {
                    throw fatal;
                }
            }
        }
    }

    /** Waits until every record handed over so far is written, then stops the writers (at shutdown). */
    @PreDestroy
    void stop() {
        stopping = true;
        for (Thread t : writers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        Chain chain = new Chain();
        List<Submission> group = new ArrayList<>();
        while (true) {
            Submission first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            group.clear();
            group.add(first);
            int rows = first.entries.size();
            Submission next;
            while (rows < groupMax && (next = queue.peek()) != null && rows + next.entries.size() <= groupMax) {
                Submission taken = queue.poll();
                if (taken == null) {
                    break;
                }
                group.add(taken);
                rows += taken.entries.size();
            }
            chain = writeIsolatingBadData(group, chain);
        }
    }

    /**
     * Writes a group; when it fails on the data of one request (a value PostgreSQL refuses), each request of the group
     * is written again on its own, so that one bad request does not fail the others. Any other failure fails them all.
     */
    private Chain writeIsolatingBadData(List<Submission> group, Chain chain) {
        return writeIsolatingBadData(group, chain, true);
    }

    private Chain writeIsolatingBadData(List<Submission> group, Chain chain, boolean mayRetry) {
        try {
            write(group, chain);
            return chain;
        } catch (SQLException e) {
            Chain fresh = new Chain();
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (mayRetry && (state.equals("40P01") || state.equals("40001"))) {
                // PostgreSQL chose this group's transaction to undo (a deadlock or a conflict with another group written
                // at the same time): nothing of it was committed, so it is written once more, now after the other.
                LOG.warnf("a group of %d requests was undone by the store (SQL state %s); writing it again", group.size(), state);
                return writeIsolatingBadData(group, fresh, false);
            }
            if (group.size() > 1 && (state.startsWith("22") || state.startsWith("23"))) {
                LOG.warnf("a group of %d requests was refused (SQL state %s); writing each on its own", group.size(), state);
                for (Submission s : List.copyOf(group)) {
                    try {
                        write(List.of(s), fresh);
                    } catch (SQLException | RuntimeException alone) {
                        fresh = new Chain();
                        fail(List.of(s), alone);
                    }
                }
                return fresh;
            }
            fail(group, e);
            return fresh;
        } catch (RuntimeException e) {
            fail(group, e);
            return new Chain();
        }
    }

    private void fail(List<Submission> group, Exception cause) {
        // The message names no statement and no value: a failed insert must not put personal data in the log.
        LOG.errorf("cannot record a group of %d requests: %s (SQL state %s)", group.size(), cause.getClass().getSimpleName(),
            cause instanceof SQLException sql ? sql.getSQLState() : "-");
        StoreException failure = new StoreException("cannot record the decision", null);
        for (Submission s : group) {
            s.done.completeExceptionally(failure);
        }
    }

    /** One writer's position in its hash chain: advanced only after a commit. */
    private static final class Chain {
        final UUID id = UUID.randomUUID();
        long seq;
        byte[] head = GENESIS;
    }

    private void write(List<Submission> group, Chain chain) throws SQLException {
        long t0 = System.nanoTime();
        List<Submission> recording = new ArrayList<>(group.size());
        int rows = 0;
        byte[] newHead = null;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                // The keys are saved in the order of the keys, whatever the order of the requests: two groups written at
                // once (two lanes) that hold the same two keys then wait for each other in one order, never in a cycle.
                List<Submission> byKey = new ArrayList<>(group);
                byKey.sort(KEY_ORDER);
                for (Submission s : byKey) {
                    s.keyReused = false;
                    s.saved = Optional.empty();
                    s.recordNow = true;
                    if (s.idem != null && !idempotency.save(c, s.idem, 200, s.idemBody)) {
                        // Two requests with one key raced past the endpoint's check: the one saved first keeps the key;
                        // the same request again gets its answer, a different one is refused (never given another's).
                        Optional<SavedAnswer> first = idempotency.find(c, s.idem);
                        s.keyReused = first.isPresent() && !first.get().answers(s.idem);
                        s.saved = s.keyReused ? Optional.empty() : first.map(SavedAnswer::body);
                        s.recordNow = false;
                    }
                }
                for (Submission s : group) {
                    if (s.recordNow) {
                        recording.add(s);
                        rows += s.entries.size();
                    }
                }
                if (rows > 0) {
                    newHead = insertAndCommit(c, recording, chain.id, chain.seq + 1, chain.head);
                } else {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the transaction did not commit
                }
                throw e;
            }
        }
        if (newHead != null) {
            chain.seq++;
            chain.head = newHead;
        }
        writeTime.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        groupSize.record(rows);
        for (Submission s : group) {
            if (s.keyReused) {
                s.done.completeExceptionally(new IdempotencyKeyReusedException());
            } else {
                s.done.complete(s.saved);
            }
        }
    }

    /**
     * Writes the records of a group, who asked for them and the group's link in its chain, and commits, in one round
     * trip to the store after the persons' keys are read: the records go in as arrays (one statement for the whole
     * group), and the link and the commit follow in the same message, so a lone decision pays for one exchange and the
     * commit's flush rather than one per statement. Nothing is committed if any of it fails (PostgreSQL skips what
     * follows a failed statement of the message, the commit included).
     * @return the group's hash, the new head of the chain
     */
    private byte[] insertAndCommit(Connection c, List<Submission> recording, UUID chainId, long seq, byte[] prev) throws SQLException {
        Set<ByteBuffer> refs = new LinkedHashSet<>();
        List<ByteBuffer> refOf = new ArrayList<>();
        int n = 0;
        for (Submission s : recording) {
            for (DecisionRecords.Entry e : s.entries) {
                ByteBuffer h = ByteBuffer.wrap(subjects.refHash(e.request().prospect().getRef()));
                refs.add(h);
                refOf.add(h);
                n++;
            }
        }
        Map<ByteBuffer, SubjectKeys.SubjectKey> keys = subjects.keysFor(c, refs);
        String[] ids = new String[n], evaluated = new String[n], asOf = new String[n], versions = new String[n], outcomes = new String[n];
        String[] steps = new String[n], channels = new String[n], campaigns = new String[n], purposes = new String[n], subjects = new String[n];
        String[] responses = new String[n], masked = new String[n];
        byte[][] refHashes = new byte[n][], sealed = new byte[n][];
        List<String> callerIds = new ArrayList<>(), callerNames = new ArrayList<>();
        int i = 0;
        for (Submission s : recording) {
            for (DecisionRecords.Entry e : s.entries) {
                Decision d = e.decision();
                DecisionRequest r = e.request();
                ByteBuffer ref = refOf.get(i);
                SubjectKeys.SubjectKey key = keys.get(ref);
                ids[i] = d.decisionId();
                evaluated[i] = d.evaluatedAt().toString();
                asOf[i] = d.asOf().toString();
                versions[i] = d.rulesetVersion();
                outcomes[i] = d.outcome().name();
                steps[i] = r.processing().getStep();
                channels[i] = r.processing().getChannel();
                campaigns[i] = r.processing().getCampaign();
                purposes[i] = r.processing().getPurpose();
                subjects[i] = key.subjectId().toString();
                refHashes[i] = ref.array();
                responses[i] = e.responseJson();
                masked[i] = e.maskedJson();
                sealed[i] = StoreKeys.Sealing.seal(key.dataKey(), e.completeJson());
                if (s.caller.isPresent()) {
                    // Who asked for each decision (an agent reads back only its own), in the same transaction.
                    callerIds.add(d.decisionId());
                    callerNames.add(s.caller.get());
                }
                i++;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(WRITE_GROUP)) {
            int p = 1;
            ps.setObject(p++, chainId);
            ps.setLong(p++, seq);
            for (String[] column : List.of(ids, evaluated, asOf, versions, outcomes, steps, channels, campaigns, purposes, subjects)) {
                ps.setArray(p++, c.createArrayOf("text", column));
            }
            ps.setArray(p++, c.createArrayOf("bytea", refHashes));
            ps.setArray(p++, c.createArrayOf("text", responses));
            ps.setArray(p++, c.createArrayOf("text", masked));
            ps.setArray(p++, c.createArrayOf("bytea", sealed));
            ps.setArray(p++, c.createArrayOf("text", callerIds.toArray(String[]::new)));
            ps.setArray(p++, c.createArrayOf("text", callerNames.toArray(String[]::new)));
            ps.setObject(p++, chainId);
            ps.setLong(p++, seq);
            ps.setBytes(p++, prev);
            ps.setBytes(p++, prev);
            ps.setObject(p++, chainId);
            ps.setLong(p, seq);
            byte[] head = null;
            boolean rows = ps.execute();
            while (true) {
                if (rows) {
                    try (ResultSet rs = ps.getResultSet()) {
                        if (rs.next()) {
                            head = rs.getBytes(1);
                        }
                    }
                } else if (ps.getUpdateCount() == -1) {
                    break;
                }
                rows = ps.getMoreResults();
            }
            if (head == null) {
                throw new SQLException("the group's link in the chain was not written");
            }
            return head;
        }
    }
}
