package dev.outreachpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Reads the record of decisions: one record as its caller may see it (masked facts, reviews, verdict), a search by
 * person, campaign and time, the queue of REVIEWs awaiting a verdict, and the sealed complete facts for a replay,
 * unsealed only while the person's key exists.
 */
@ApplicationScoped
public class RecordReader {
    private final DataSource db;
    private final SubjectKeys subjects;
    private final ObjectMapper json;

    @Inject
    RecordCallers callers;

    @Inject
    public RecordReader(DataSource db, SubjectKeys subjects, ObjectMapper json) {
        this.db = db;
        this.subjects = subjects;
        this.json = json;
    }

    /** A stored decision: the answer, the masked facts, the reviews, and whether its facts can still be replayed. */
    public Optional<ObjectNode> get(String id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.*, (k.subject_id IS NOT NULL) AS replayable FROM decision_records d "
                 + "LEFT JOIN subject_keys k ON k.subject_id = d.subject_id WHERE d.id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || (callers != null && !callers.mayRead(c, id))) {
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
            return views(ps);
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
            return views(ps);
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read the review queue", e);
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
    public void window(Instant from, Instant to, java.util.function.Consumer<StoredDecision> each) {
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
                    each.accept(new StoredDecision(rs.getString("id"), rs.getTimestamp("evaluated_at").toInstant(),
                        rs.getString("ruleset_version"), json.readTree(rs.getString("response")), facts));
                }
            }
            c.commit();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read decision records", e);
        }
    }

    private List<ObjectNode> views(PreparedStatement ps) throws SQLException, JsonProcessingException {
        List<ObjectNode> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(view(rs));
            }
        }
        return out;
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
