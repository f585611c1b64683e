package dev.outreachpolicy.audit;

import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.store.StoreKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One key per person (crypto-shredding): the full facts of a person's decision records are sealed under it.
 * Erasing the person destroys the key, so the append-only records keep what was decided but lose what
 * identifies the person. Keys are stored wrapped under the service secret and found by the keyed hash of the ref.
 */
@ApplicationScoped
public class SubjectKeys {
    private static final int KEEP_UNWRAPPED = 10_000;
    private static final long KEEP_UNWRAPPED_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
    private final DataSource db;
    private final StoreKeys keys;
    /** Recently unwrapped keys by subject, least recently used first; see {@link #unwrapped(UUID, byte[])}. */
    private final Map<UUID, Unwrapped> unwrapped = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Unwrapped> eldest) { return size() > KEEP_UNWRAPPED; }
    };

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

    /**
     * The keys of several persons by the keyed hashes of their refs, created where missing, inside the caller's
     * transaction (one query for all, one more only when some are new). The rows read are locked (FOR KEY SHARE) until
     * the caller commits, so an erasure running meanwhile waits and destroys the key after the records are written,
     * never before. The unwrapped key of a row is reused from {@link #unwrapped} only while the row read now still
     * holds the very same wrapped key: an erased person (row deleted) is never served a key from memory.
     */
    public Map<ByteBuffer, SubjectKey> keysFor(Connection c, Set<ByteBuffer> refHashes) throws SQLException {
        Map<ByteBuffer, SubjectKey> out = new HashMap<>();
        findAll(c, refHashes, out);
        if (out.size() < refHashes.size()) {
            try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO subject_keys (subject_id, ref_hash, wrapped_key) VALUES (?, ?, ?) ON CONFLICT (ref_hash) DO NOTHING")) {
                // In one order on every writer, so that two writers creating the same keys wait for each other, never deadlock.
                for (ByteBuffer h : new java.util.TreeSet<>(refHashes)) {
                    if (!out.containsKey(h)) {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setBytes(2, h.array());
                        ps.setBytes(3, keys.wrap(keys.newDataKey()));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            Set<ByteBuffer> missing = new java.util.LinkedHashSet<>(refHashes);
            missing.removeAll(out.keySet());
            findAll(c, missing, out);
        }
        return out;
    }

    private void findAll(Connection c, Set<ByteBuffer> refHashes, Map<ByteBuffer, SubjectKey> out) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT ref_hash, subject_id, wrapped_key FROM subject_keys WHERE ref_hash = ANY (?) FOR KEY SHARE")) {
            ps.setArray(1, c.createArrayOf("bytea", refHashes.stream().map(ByteBuffer::array).toArray(byte[][]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID subject = rs.getObject(2, UUID.class);
                    out.put(ByteBuffer.wrap(rs.getBytes(1)), new SubjectKey(subject, unwrapped(subject, rs.getBytes(3))));
                }
            }
        }
    }

    /**
     * The unwrapped data key of a stored row: unwrapping (AES-GCM under the service secret) is done once per person and
     * kept for a while, keyed by the subject and checked against the wrapped key just read from the store.
     */
    private byte[] unwrapped(UUID subject, byte[] wrapped) {
        long now = System.nanoTime();
        synchronized (unwrapped) {
            Unwrapped u = unwrapped.get(subject);
            if (u != null && java.util.Arrays.equals(u.wrapped, wrapped) && now - u.at < KEEP_UNWRAPPED_NANOS) {
                return u.key;
            }
        }
        byte[] key = keys.unwrap(wrapped);
        synchronized (unwrapped) {
            unwrapped.put(subject, new Unwrapped(wrapped, key, now));
        }
        return key;
    }

    private record Unwrapped(byte[] wrapped, byte[] key, long at) { }

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
                    synchronized (unwrapped) {
                        unwrapped.remove(subject);
                    }
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
