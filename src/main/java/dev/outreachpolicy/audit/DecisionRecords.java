package dev.outreachpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.store.IdempotencyStore;
import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.store.StoreKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The record of every decision, append-only in PostgreSQL: what was decided, by which ruleset version, on
 * which facts. A decision is answered only after its record is committed (synchronous commit: durable).
 * The full facts are sealed under the person's key ({@link SubjectKeys}); the masked facts stay readable.
 */
@ApplicationScoped
public class DecisionRecords {
    private final DataSource db;
    private final SubjectKeys subjects;
    private final IdempotencyStore idempotency;
    private final ObjectMapper json;
    private final RecordWriter writer;

    @Inject
    RecordCallers callers;

    @Inject
    public DecisionRecords(DataSource db, SubjectKeys subjects, IdempotencyStore idempotency, ObjectMapper json, RecordWriter writer) {
        this.db = db;
        this.subjects = subjects;
        this.idempotency = idempotency;
        this.json = json;
        this.writer = writer;
    }

    /** For reading only (the command line): {@link #append} is refused. */
    public DecisionRecords(DataSource db, SubjectKeys subjects, IdempotencyStore idempotency, ObjectMapper json) {
        this(db, subjects, idempotency, json, null);
    }

    /** Where an idempotent request keeps its answer: the endpoint, the caller's key, and the hash of the request. */
    public record Idempotent(String endpoint, String key, String requestHash) { }

    /**
     * One decision ready to record: the answer, the request it answered, and its facts already serialised: masked (kept
     * in the clear) and complete (sealed under the person's key when written). Built on the request's thread, so that
     * the writer only seals and writes.
     */
    public record Entry(Decision decision, DecisionRequest request, String maskedJson, byte[] completeJson, String responseJson) {
        private static final ObjectMapper PLAIN = new ObjectMapper();

        /** From the facts as JSON trees ({@code ResolvedFacts.toRecord()}, {@link RecordedFacts#masked}). */
        public Entry(Decision decision, DecisionRequest request, ObjectNode complete, ObjectNode masked, String responseJson) {
            this(decision, request, masked.toString(), bytes(complete), responseJson);
        }

        private static byte[] bytes(ObjectNode complete) {
            try {
                return PLAIN.writeValueAsBytes(complete);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Records decisions (one, or a batch) and with them the answer for an idempotency key, in one transaction shared
     * with the decisions of other requests that arrived meanwhile (group commit, {@link RecordWriter}): all are durable
     * when this returns, or none is and a {@link StoreException} says so.
     * @param idemBody the answer to keep for the idempotency key (the single answer, or the whole batch's)
     * @return the answer saved earlier for the same key (nothing was recorded now), or empty when recorded
     */
    public Optional<String> append(List<Entry> entries, Idempotent idem, String idemBody) {
        return await(appendLater(entries, idem, idemBody));
    }

    /** {@link #append} without waiting: the future completes once the entries are durable (or failed). */
    public java.util.concurrent.CompletableFuture<Optional<String>> appendLater(List<Entry> entries, Idempotent idem, String idemBody) {
        return appendLater(entries, idem, idemBody, callerIdentity());
    }

    /**
     * {@link #appendLater} for a caller identified earlier ({@link #callerIdentity}, taken on the request's thread): the
     * writer records who asked ({@code decision_callers}) in the same transaction as the decisions.
     */
    public java.util.concurrent.CompletableFuture<Optional<String>> appendLater(List<Entry> entries, Idempotent idem, String idemBody,
                                                                               Optional<String> caller) {
        if (writer == null) {
            throw new IllegalStateException("these records are opened for reading only");
        }
        return writer.submit(entries, idem, idemBody, caller);
    }

    /** The identity recorded with the current request's decisions; empty outside a request or for an unnamed caller. */
    public Optional<String> callerIdentity() {
        return callers == null ? Optional.empty() : callers.current().flatMap(RecordOwner::recordedIdentity);
    }

    private static Optional<String> await(java.util.concurrent.CompletableFuture<Optional<String>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while recording the decision", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("cannot record the decision", e.getCause());
        }
    }

    /** A stored decision: the answer, the masked facts, the reviews, and whether its facts can still be replayed. */
    public Optional<ObjectNode> get(String id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.*, (k.subject_id IS NOT NULL) AS replayable FROM decision_records d "
                 + "LEFT JOIN subject_keys k ON k.subject_id = d.subject_id WHERE d.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !callers.mayRead(c, id)) {
                    return Optional.empty();
                }
                ObjectNode out = view(rs);
                out.set("reviews", reviews(c, id));
                ReviewVerdicts.summarise(out);
                return Optional.of(out);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read the decision record", e);
        }
    }

    /** Decisions by prospect ref, campaign and time window (evaluatedAt), newest first. */
    public List<ObjectNode> search(String ref, String campaign, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("SELECT d.*, (k.subject_id IS NOT NULL) AS replayable FROM decision_records d "
            + "LEFT JOIN subject_keys k ON k.subject_id = d.subject_id WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (ref != null) {
            // An erased person's records stay (append-only) but are no longer found by their ref.
            sql.append(" AND d.ref_hash = ? AND k.subject_id IS NOT NULL");
            args.add(subjects.refHash(ref));
        }
        if (campaign != null) {
            sql.append(" AND d.campaign = ?");
            args.add(campaign);
        }
        if (from != null) {
            sql.append(" AND d.evaluated_at >= ?");
            args.add(Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND d.evaluated_at < ?");
            args.add(Timestamp.from(to));
        }
        sql.append(" ORDER BY d.evaluated_at DESC LIMIT ?");
        args.add(limit);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<ObjectNode> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot search decision records", e);
        }
    }

    /** REVIEW decisions with no verdict yet, oldest first: what the legal page's queue shows (facts masked). */
    public List<ObjectNode> awaitingReview(int limit) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.*, (k.subject_id IS NOT NULL) AS replayable FROM decision_records d "
                 + "LEFT JOIN subject_keys k ON k.subject_id = d.subject_id WHERE d.outcome = 'REVIEW' "
                 + "AND NOT EXISTS (SELECT 1 FROM decision_reviews r WHERE r.decision_id = d.id) ORDER BY d.evaluated_at LIMIT ?")) {
            ps.setInt(1, limit);
            List<ObjectNode> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read the review queue", e);
        }
    }

    /**
     * Records a reviewer's verdict on a REVIEW decision; empty when there is no such decision. A decision that is not a
     * REVIEW is refused ({@link NotUnderReviewException}); a later verdict supersedes the earlier one.
     */
    public Optional<ObjectNode> review(String id, String reviewer, String verdict, String rationale) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO decision_reviews (id, decision_id, reviewer, verdict, rationale) "
                 + "SELECT ?, id, ?, ?, ? FROM decision_records WHERE id = ? AND outcome = 'REVIEW' RETURNING id, reviewed_at")) {
            Optional<String> outcome = ReviewVerdicts.outcome(c, id);
            if (outcome.isEmpty()) {
                return Optional.empty();
            }
            if (!outcome.get().equals("REVIEW")) {
                throw new NotUnderReviewException(id, outcome.get());
            }
            Optional<String> previous = ReviewVerdicts.latest(c, id);
            UUID reviewId = UUID.randomUUID();
            ps.setObject(1, reviewId);
            ps.setString(2, reviewer);
            ps.setString(3, verdict);
            ps.setString(4, rationale);
            ps.setString(5, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                ObjectNode out = json.createObjectNode();
                out.put("id", reviewId.toString()).put("decisionId", id).put("reviewer", reviewer).put("verdict", verdict)
                    .put("rationale", rationale).put("reviewedAt", rs.getTimestamp("reviewed_at").toInstant().toString());
                out.put("supersedes", previous.orElse(null));
                return Optional.of(out);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the review", e);
        }
    }

    /** The complete facts of a decision for a replay; empty when the person was erased. */
    public Optional<JsonNode> facts(String id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT subject_id, facts_sealed FROM decision_records WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Optional<byte[]> key = subjects.dataKey(c, rs.getObject(1, UUID.class));
                if (key.isEmpty()) {
                    return Optional.empty();
                }
                byte[] plain = StoreKeys.Sealing.open(key.get(), rs.getBytes(2));
                return Optional.of(json.readTree(new String(plain, StandardCharsets.UTF_8)));
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read the decision's facts", e);
        }
    }

    /** Every record evaluated in [from, to), oldest first, with its facts unsealed where the person's key still exists. */
    public void window(Instant from, Instant to, java.util.function.Consumer<dev.outreachpolicy.audit.StoredDecision> each) {
        String sql = "SELECT d.id, d.evaluated_at, d.ruleset_version, d.response, d.facts_sealed, k.wrapped_key FROM decision_records d "
            + "LEFT JOIN subject_keys k ON k.subject_id = d.subject_id WHERE d.evaluated_at >= ? AND d.evaluated_at < ? ORDER BY d.evaluated_at";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setFetchSize(500);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] wrapped = rs.getBytes("wrapped_key");
                    Optional<JsonNode> facts = Optional.empty();
                    if (wrapped != null) {
                        byte[] plain = StoreKeys.Sealing.open(subjects.unwrap(wrapped), rs.getBytes("facts_sealed"));
                        facts = Optional.of(json.readTree(new String(plain, StandardCharsets.UTF_8)));
                    }
                    each.accept(new dev.outreachpolicy.audit.StoredDecision(rs.getString("id"), rs.getTimestamp("evaluated_at").toInstant(),
                        rs.getString("ruleset_version"), json.readTree(rs.getString("response")), facts));
                }
            }
            c.commit();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read decision records", e);
        }
    }

    /** Deletes the records older than the retention period (storage limitation applies to us too). */
    public int purgeOlderThan(Instant cutoff) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM decision_records WHERE evaluated_at < ?");
             PreparedStatement log = c.prepareStatement("INSERT INTO record_purges (cutoff, records) VALUES (?, ?)")) {
            c.setAutoCommit(false);
            ps.setTimestamp(1, Timestamp.from(cutoff));
            int n = ps.executeUpdate();
            // The verifier of the hash chain tells a record purged for retention from a deleted one by these cutoffs.
            log.setTimestamp(1, Timestamp.from(cutoff));
            log.setInt(2, n);
            log.executeUpdate();
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new StoreException("cannot purge decision records", e);
        }
    }

    private ObjectNode view(ResultSet rs) throws SQLException, JsonProcessingException {
        ObjectNode out = (ObjectNode) json.readTree(rs.getString("response"));
        out.put("step", rs.getString("step"));
        out.put("channel", rs.getString("channel"));
        out.put("campaign", rs.getString("campaign"));
        out.put("purpose", rs.getString("purpose"));
        out.put("recordedAt", rs.getTimestamp("recorded_at").toInstant().toString());
        out.put("replayable", rs.getBoolean("replayable"));
        out.set("facts", json.readTree(rs.getString("facts_masked")));
        return out;
    }

    private ArrayNode reviews(Connection c, String id) throws SQLException {
        ArrayNode out = json.createArrayNode();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM decision_reviews WHERE decision_id = ? ORDER BY reviewed_at, id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.addObject().put("id", rs.getObject("id", UUID.class).toString()).put("reviewer", rs.getString("reviewer"))
                        .put("verdict", rs.getString("verdict")).put("rationale", rs.getString("rationale"))
                        .put("reviewedAt", rs.getTimestamp("reviewed_at").toInstant().toString());
                }
            }
        }
        return out;
    }
}
