package dev.outreachpolicy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One verdict per REVIEW decision: every review is kept, the newest is the verdict, and each earlier one names the
 * review that superseded it, so a changed mind is visible rather than two verdicts contradicting each other.
 */
final class ReviewVerdicts {
    private ReviewVerdicts() { }

    static Optional<String> outcome(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome FROM decision_records WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    static Optional<String> latest(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT id FROM decision_reviews WHERE decision_id = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getObject(1).toString()) : Optional.empty();
            }
        }
    }

    /**
     * Marks, in a record's {@code reviews} (oldest first), each superseded review with {@code supersededBy} and the
     * newest with {@code current: true}, and puts the verdict in force at the record's top as {@code reviewVerdict}.
     */
    static void summarise(ObjectNode record) {
        JsonNode list = record.get("reviews");
        if (!(list instanceof ArrayNode reviews) || reviews.isEmpty()) {
            record.putNull("reviewVerdict");
            return;
        }
        for (int i = 0; i < reviews.size(); i++) {
            ObjectNode r = (ObjectNode) reviews.get(i);
            boolean last = i == reviews.size() - 1;
            r.put("current", last);
            if (!last) {
                r.put("supersededBy", reviews.get(i + 1).path("id").asText());
            }
        }
        record.put("reviewVerdict", reviews.get(reviews.size() - 1).path("verdict").asText());
    }
}
