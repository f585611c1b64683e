package dev.outreachpolicy.audit;

import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.store.StoreKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One key per person (crypto-shredding): the full facts of a person's decision records are sealed under it.
 * Erasing the person destroys the key, so the append-only records keep what was decided but lose what
 * identifies the person. Keys are stored wrapped under the service secret and found by the keyed hash of the ref.
 */
@ApplicationScoped
public class SubjectKeys {
    private final DataSource db;
    private final StoreKeys keys;

    @Inject
    public SubjectKeys(DataSource db, StoreKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    /** A person's key: the subject id records carry, and the data key itself. */
    public record SubjectKey(UUID subjectId, byte[] dataKey) { }

    public byte[] refHash(String ref) { return keys.hash("REF", ref); }

    /** The person's key, created on first use, inside the caller's transaction. */
    public SubjectKey keyFor(Connection c, String ref) throws SQLException {
        byte[] refHash = refHash(ref);
        Optional<SubjectKey> existing = find(c, refHash);
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] dataKey = keys.newDataKey();
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO subject_keys (subject_id, ref_hash, wrapped_key) VALUES (?, ?, ?) ON CONFLICT (ref_hash) DO NOTHING")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setBytes(2, refHash);
            ps.setBytes(3, keys.wrap(dataKey));
            ps.executeUpdate();
        }
        return find(c, refHash).orElseThrow();
    }

    /** Unwraps a stored key. */
    public byte[] unwrap(byte[] wrapped) { return keys.unwrap(wrapped); }

    /** The data key of a subject id, or empty once the person was erased. */
    public Optional<byte[]> dataKey(Connection c, UUID subjectId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT wrapped_key FROM subject_keys WHERE subject_id = ?")) {
            ps.setObject(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(keys.unwrap(rs.getBytes(1))) : Optional.empty();
            }
        }
    }

    private Optional<SubjectKey> find(Connection c, byte[] refHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT subject_id, wrapped_key FROM subject_keys WHERE ref_hash = ?")) {
            ps.setBytes(1, refHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SubjectKey(rs.getObject(1, UUID.class), keys.unwrap(rs.getBytes(2))));
            }
        }
    }

    /** Destroys the person's key; returns false when there was none. The erasure itself is recorded. */
    public boolean erase(String ref) {
        byte[] refHash = refHash(ref);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("DELETE FROM subject_keys WHERE ref_hash = ? RETURNING subject_id");
                 PreparedStatement log = c.prepareStatement(
                     "INSERT INTO erased_subjects (ref_hash, subject_id) VALUES (?, ?) ON CONFLICT (ref_hash) DO UPDATE SET erased_at = clock_timestamp(), subject_id = EXCLUDED.subject_id")) {
                del.setBytes(1, refHash);
                UUID subject = null;
                try (ResultSet rs = del.executeQuery()) {
                    if (rs.next()) {
                        subject = rs.getObject(1, UUID.class);
                    }
                }
                if (subject != null) {
                    log.setBytes(1, refHash);
                    log.setObject(2, subject);
                    log.executeUpdate();
                }
                c.commit();
                return subject != null;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot erase the subject", e);
        }
    }
}
