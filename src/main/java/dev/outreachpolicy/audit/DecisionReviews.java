package dev.outreachpolicy.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** A reviewer's verdicts on REVIEW decisions, kept beside the records they judge (the records themselves never change). */
@ApplicationScoped
public class DecisionReviews {
    private final DataSource db;
    private final ObjectMapper json;

    @Inject
    public DecisionReviews(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
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
}
