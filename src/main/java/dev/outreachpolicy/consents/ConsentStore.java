package dev.outreachpolicy.consents;

import dev.outreachpolicy.store.RecordIds;
import dev.outreachpolicy.engine.consent.ConsentDraft;
import dev.outreachpolicy.engine.consent.ConsentReceipt;
import dev.outreachpolicy.engine.consent.ConsentRegister;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.audit.SubjectKeys;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The register of consent receipts in PostgreSQL. The person's ref, e-mail and phone are kept as keyed hashes (as the
 * suppression list keeps them); the receipt is sealed under the person's key ({@link SubjectKeys}), so once the person
 * is erased it can no longer be read, and no decision uses it. A withdrawal is a row of its own: nothing is changed.
 */
@ApplicationScoped
public class ConsentStore implements ConsentRegister {
    private static final String SELECT = "SELECT r.id, r.receipt_sealed, r.recorded_by, r.recorded_at, k.wrapped_key, "
        + "(SELECT min(w.withdrawn_at) FROM consent_withdrawals w WHERE w.consent_id = r.id) AS withdrawn_at, "
        + "(SELECT min(w.recorded_at) FROM consent_withdrawals w WHERE w.consent_id = r.id) AS withdrawal_recorded_at "
        + "FROM consent_receipts r LEFT JOIN subject_keys k ON k.subject_id = r.subject_id ";
    private final DataSource db;
    private final StoreKeys keys;
    private final SubjectKeys subjects;
    private final ObjectMapper json;

    @Inject
    public ConsentStore(DataSource db, StoreKeys keys, SubjectKeys subjects, ObjectMapper json) {
        this.db = db;
        this.keys = keys;
        this.subjects = subjects;
        this.json = json;
    }

    /** Records a receipt, sealed under the person's key (created on first use), and returns it. */
    public ConsentReceipt record(ConsentDraft draft, String recordedBy) {
        String id = RecordIds.next(RecordIds.CONSENT, Instant.now());
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                SubjectKeys.SubjectKey key = subjects.keyFor(c, draft.ref());
                Instant recordedAt;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO consent_receipts (id, subject_id, ref_hash, email_hash, phone_hash, "
                    + "key_id, receipt_sealed, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING recorded_at")) {
                    ps.setString(1, id);
                    ps.setObject(2, key.subjectId());
                    ps.setBytes(3, subjects.refHash(draft.ref()));
                    ps.setBytes(4, draft.email() == null ? null : keys.hash("EMAIL", draft.email()));
                    ps.setBytes(5, draft.phoneE164() == null ? null : keys.hash("PHONE", draft.phoneE164()));
                    ps.setString(6, keys.keyId());
                    ps.setBytes(7, StoreKeys.Sealing.seal(key.dataKey(), json.writeValueAsBytes(draft.toJson())));
                    ps.setString(8, recordedBy);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        recordedAt = rs.getTimestamp(1).toInstant();
                    }
                }
                c.commit();
                return new ConsentReceipt(id, draft, recordedAt, recordedBy, null, null);
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot record the consent receipt", e);
        }
    }

    /** The outcome of a withdrawal: the withdrawal in force (the earliest recorded), or no such receipt. */
    public record Withdrawal(String id, Instant withdrawnAt, Instant recordedAt, boolean created) { }

    /**
     * Records that the person withdrew the consent at {@code at}. A receipt already withdrawn keeps its first withdrawal
     * (nothing is recorded twice); empty when there is no such receipt.
     */
    public Optional<Withdrawal> withdraw(String id, Instant at, String recordedBy) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM consent_receipts WHERE id = ? FOR UPDATE")) {
                    lock.setString(1, id);
                    try (ResultSet rs = lock.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                    "SELECT withdrawn_at, recorded_at FROM consent_withdrawals WHERE consent_id = ? ORDER BY withdrawn_at LIMIT 1")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            c.rollback();
                            return Optional.of(new Withdrawal(id, rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), false));
                        }
                    }
                }
                Withdrawal w;
                try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO consent_withdrawals (consent_id, withdrawn_at, recorded_by) VALUES (?, ?, ?) RETURNING recorded_at")) {
                    ps.setString(1, id);
                    ps.setTimestamp(2, Timestamp.from(at));
                    ps.setString(3, recordedBy);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        w = new Withdrawal(id, at, rs.getTimestamp(1).toInstant(), true);
                    }
                }
                c.commit();
                return Optional.of(w);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot record the withdrawal", e);
        }
    }

    /** A receipt as listed: readable, or (the person erased) only its id and when it was recorded. */
    public record Listed(String id, Instant recordedAt, String recordedBy, Optional<ConsentReceipt> receipt) { }

    /** Every receipt of the person, newest recorded first, readable or not. */
    public List<Listed> list(String ref) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + "WHERE r.ref_hash = ? ORDER BY r.recorded_at DESC")) {
            ps.setBytes(1, subjects.refHash(ref));
            List<Listed> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Listed(rs.getString("id"), rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"), open(rs)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the consent receipts", e);
        }
    }

    @Override
    public Optional<ConsentReceipt> receipt(String id, String ref) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT + "WHERE r.id = ? AND r.ref_hash = ?")) {
            ps.setString(1, id);
            ps.setBytes(2, subjects.refHash(ref == null ? "" : ref));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownReceiptException(id);
                }
                return open(rs);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the consent receipt", e);
        }
    }

    @Override
    public List<ConsentReceipt> receipts(String ref) {
        List<ConsentReceipt> out = new ArrayList<>();
        for (Listed l : list(ref)) {
            l.receipt().ifPresent(out::add);
        }
        return newestFirst(out);
    }

    /**
     * {@link #receipts} of several persons in one query: what the decisions waiting at one moment read together (see
     * {@code SuppressionGroupRead}). As exact as a read per decision: it is made after each of them arrived.
     * @return each ref's readable receipts, newest first (an empty list for a person without any)
     */
    public java.util.Map<String, List<ConsentReceipt>> receiptsOf(java.util.Collection<String> refs) {
        if (refs.isEmpty()) {
            return new java.util.HashMap<>();
        }
        return dev.outreachpolicy.store.OneTripReads.one(db, receiptsOfRead(refs), "cannot read the consent receipts");
    }

    /** {@link #receiptsOf} as a read to send with others in one round trip ({@link dev.outreachpolicy.store.OneTripReads}). */
    public dev.outreachpolicy.store.OneTripReads.Read<java.util.Map<String, List<ConsentReceipt>>> receiptsOfRead(java.util.Collection<String> refs) {
        java.util.Map<java.nio.ByteBuffer, String> byHash = new java.util.HashMap<>();
        for (String ref : refs) {
            byHash.put(java.nio.ByteBuffer.wrap(subjects.refHash(ref)), ref);
        }
        return new dev.outreachpolicy.store.OneTripReads.Read<>() {
            @Override
            public String sql() {
                return SELECT.replace("SELECT r.id,", "SELECT r.ref_hash, r.id,") + "WHERE r.ref_hash = ANY (?)";
            }

            @Override
            public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
                ps.setArray(first, c.createArrayOf("bytea", byHash.keySet().stream().map(java.nio.ByteBuffer::array).toArray(byte[][]::new)));
                return first + 1;
            }

            @Override
            public java.util.Map<String, List<ConsentReceipt>> read(ResultSet rs) throws SQLException {
                java.util.Map<String, List<ConsentReceipt>> out = new java.util.HashMap<>();
                for (String ref : byHash.values()) {
                    out.put(ref, new ArrayList<>());
                }
                while (rs.next()) {
                    String ref = byHash.get(java.nio.ByteBuffer.wrap(rs.getBytes("ref_hash")));
                    if (ref != null) {
                        open(rs).ifPresent(out.get(ref)::add);
                    }
                }
                out.replaceAll((ref, list) -> newestFirst(list));
                return out;
            }
        };
    }

    private static List<ConsentReceipt> newestFirst(List<ConsentReceipt> out) {
        out.sort(Comparator.comparing((ConsentReceipt r) -> r.draft().obtainedAt()).thenComparing(ConsentReceipt::recordedAt).reversed());
        return out;
    }

    private Optional<ConsentReceipt> open(ResultSet rs) throws SQLException {
        byte[] wrapped = rs.getBytes("wrapped_key");
        if (wrapped == null) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            plain = StoreKeys.Sealing.open(subjects.unwrap(wrapped), rs.getBytes("receipt_sealed"));
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
        ConsentDraft draft;
        try {
            draft = ConsentDraft.fromJson(json.readTree(new String(plain, StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read a consent receipt", e);
        }
        Timestamp w = rs.getTimestamp("withdrawn_at");
        Timestamp wr = rs.getTimestamp("withdrawal_recorded_at");
        return Optional.of(new ConsentReceipt(rs.getString("id"), draft, rs.getTimestamp("recorded_at").toInstant(),
            rs.getString("recorded_by"), w == null ? null : w.toInstant(), wr == null ? null : wr.toInstant()));
    }
}
