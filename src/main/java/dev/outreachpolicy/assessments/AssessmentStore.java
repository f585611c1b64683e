package dev.outreachpolicy.assessments;

import dev.outreachpolicy.store.RecordIds;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.engine.assessment.AssessmentRegister;
import dev.outreachpolicy.engine.assessment.AssessmentVersion;
import dev.outreachpolicy.engine.assessment.InMemoryAssessments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The register of assessments in PostgreSQL. Each {@code PUT} adds a version under a row lock on its assessment, so two
 * writers never get the same number; the database refuses to change or delete a version.
 */
@ApplicationScoped
public class AssessmentStore implements AssessmentRegister {
    private final DataSource db;
    private final ObjectMapper json;

    @Inject
    public AssessmentStore(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A new assessment with its first version. */
    public AssessmentVersion create(AssessmentDraft draft, String recordedBy) {
        String id = RecordIds.next(RecordIds.ASSESSMENT, Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO assessments (id, created_by) VALUES (?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, recordedBy);
                    ps.executeUpdate();
                }
                AssessmentVersion v = insert(c, id, 1, draft, recordedBy);
                c.commit();
                return v;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the assessment", e);
        }
    }

    /** A new version of an existing assessment; empty when there is no such assessment. */
    public Optional<AssessmentVersion> addVersion(String id, AssessmentDraft draft, String recordedBy) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM assessments WHERE id = ? FOR UPDATE")) {
                    lock.setString(1, id);
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                    }
                }
                int next;
                try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(version), 0) + 1 FROM assessment_versions WHERE assessment_id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        next = rs.getInt(1);
                    }
                }
                AssessmentVersion v = insert(c, id, next, draft, recordedBy);
                c.commit();
                return Optional.of(v);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the assessment version", e);
        }
    }

    private AssessmentVersion insert(Connection c, String id, int version, AssessmentDraft draft, String recordedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO assessment_versions (assessment_id, version, assessed_at, body, recorded_by) "
            + "VALUES (?, ?, ?, ?::jsonb, ?) RETURNING recorded_at")) {
            ps.setString(1, id);
            ps.setInt(2, version);
            ps.setDate(3, Date.valueOf(draft.assessedAt()));
            ps.setString(4, draft.toJson().toString());
            ps.setString(5, recordedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new AssessmentVersion(id, version, draft, rs.getTimestamp(1).toInstant(), recordedBy);
            }
        }
    }

    /** Every version of an assessment, oldest first; empty when there is no such assessment. */
    public List<AssessmentVersion> versions(String id) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM assessment_versions WHERE assessment_id = ? ORDER BY version")) {
            ps.setString(1, id);
            return all(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot read the assessment", e);
        }
    }

    /** Every assessment with its versions, by id. */
    public Map<String, List<AssessmentVersion>> all() {
        Map<String, List<AssessmentVersion>> out = new LinkedHashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT v.* FROM assessment_versions v JOIN assessments a ON a.id = v.assessment_id "
                 + "ORDER BY a.created_at, v.assessment_id, v.version")) {
            for (AssessmentVersion v : all(ps)) {
                out.computeIfAbsent(v.id(), k -> new ArrayList<>()).add(v);
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the assessments", e);
        }
    }

    /** How many recorded decisions relied on each version: {@code "asm_…#2" -> count}. */
    public Map<String, Long> decisionsRelying() {
        Map<String, Long> out = new LinkedHashMap<>();
        String sql = "SELECT facts_masked -> 'resolved' -> 'assessment' ->> 'id' AS id, "
            + "(facts_masked -> 'resolved' -> 'assessment' ->> 'version')::int AS version, count(*) AS n FROM decision_records "
            + "WHERE facts_masked -> 'resolved' -> 'assessment' ->> 'version' IS NOT NULL GROUP BY 1, 2";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString("id") + "#" + rs.getInt("version"), rs.getLong("n"));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot count the decisions per assessment", e);
        }
    }

    @Override
    public Optional<AssessmentVersion> inForce(String id, LocalDate date) {
        List<AssessmentVersion> list = versions(id);
        if (list.isEmpty()) {
            throw new UnknownAssessmentException(id);
        }
        return InMemoryAssessments.select(list, date);
    }

    private List<AssessmentVersion> all(PreparedStatement ps) throws SQLException {
        List<AssessmentVersion> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AssessmentDraft d;
                try {
                    d = AssessmentDraft.parse(json.readTree(rs.getString("body")));
                } catch (JsonProcessingException e) {
                    throw new StoreException("cannot read an assessment version", e);
                }
                out.add(new AssessmentVersion(rs.getString("assessment_id"), rs.getInt("version"), d,
                    rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by")));
            }
        }
        return out;
    }
}
