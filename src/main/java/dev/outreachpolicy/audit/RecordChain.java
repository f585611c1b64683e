package dev.outreachpolicy.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Verifies the hash chains of the decision records ({@link RecordWriter} writes them). Each group of records written in
 * one transaction is a row of {@code record_batches} listing its records' ids and hashes, hashed together with the hash
 * of the group before it on the same chain. The verifier recomputes every record's hash from the record as stored and
 * every group's hash from its list, and names what does not fit:
 * <ul>
 *   <li>{@code EDITED}: a listed record whose content no longer has the hash it was written with;</li>
 *   <li>{@code DELETED}: a listed record that is gone and was not purged for retention (its time is after every
 *       retention cutoff);</li>
 *   <li>{@code INSERTED}: a record that no group lists;</li>
 *   <li>{@code GROUP_EDITED} and {@code GROUP_DELETED}: a group whose list was changed, or a gap in a chain.</li>
 * </ul>
 * Whoever can rewrite a whole chain, group rows included, from the altered record to its end can hide the change; the
 * heads of the chains ({@link Report#heads}) are what to keep elsewhere to catch that too. The work is done in a few
 * streamed queries: memory stays flat whatever the number of records.
 */
public final class RecordChain {
    private RecordChain() { }

    /** What was found wrong: its kind, the record (or null for a group), the chain and group, and a sentence. */
    public record Finding(String kind, String decisionId, UUID chain, long seq, String detail) { }

    /** The verification's result: what was checked, what was found, and the head of each chain (its newest hash). */
    public record Report(long chains, long groups, long records, long purged, List<Finding> findings, List<String> heads) {
        public boolean intact() { return findings.isEmpty(); }
    }

    /** At most this many findings are listed (the counts stay exact). */
    static final int MAX_FINDINGS = 1000;

    public static Report verify(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // cursors (fetch size) need a transaction
        try {
            List<Finding> findings = new ArrayList<>();
            long[] counts = new long[4];
            List<String> heads = new ArrayList<>();
            checkLinks(c, findings, counts, heads);
            checkRecords(c, findings, counts);
            checkUnlisted(c, findings);
            c.commit();
            return new Report(counts[0], counts[1], counts[2], counts[3], findings, heads);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Each chain in order: groups numbered from 1 without a gap, each linked to the one before, each hash right. */
    private static void checkLinks(Connection c, List<Finding> findings, long[] counts, List<String> heads) throws SQLException {
        MessageDigest sha = sha256();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT chain_id, seq, prev_hash, batch_hash, record_hashes FROM record_batches ORDER BY chain_id, seq")) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                UUID chain = null;
                long seq = 0;
                byte[] head = null;
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    long s = rs.getLong(2);
                    byte[] prev = rs.getBytes(3);
                    byte[] hash = rs.getBytes(4);
                    if (!id.equals(chain)) {
                        if (chain != null) {
                            heads.add(chain + ":" + seq + ":" + java.util.HexFormat.of().formatHex(head));
                        }
                        chain = id;
                        counts[0]++;
                        if (s != 1) {
                            add(findings, new Finding("GROUP_DELETED", null, id, 1, "groups 1 to " + (s - 1) + " of the chain are missing"));
                        }
                    } else if (s != seq + 1) {
                        add(findings, new Finding("GROUP_DELETED", null, id, seq + 1, "groups " + (seq + 1) + " to " + (s - 1) + " of the chain are missing"));
                    } else if (!Arrays.equals(prev, head)) {
                        add(findings, new Finding("GROUP_EDITED", null, id, s, "the group does not link to the group before it"));
                    }
                    counts[1]++;
                    sha.reset();
                    sha.update(prev);
                    Array hashes = rs.getArray(5);
                    for (Object h : (Object[]) hashes.getArray()) {
                        sha.update((byte[]) h);
                    }
                    if (!Arrays.equals(sha.digest(), hash)) {
                        add(findings, new Finding("GROUP_EDITED", null, id, s, "the group's list of records does not match its hash"));
                    }
                    seq = s;
                    head = hash;
                }
                if (chain != null) {
                    heads.add(chain + ":" + seq + ":" + java.util.HexFormat.of().formatHex(head));
                }
            }
        }
    }

    /** Every listed record: still there with the hash it was written with, or purged for retention. */
    private static void checkRecords(Connection c, List<Finding> findings, long[] counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT b.chain_id, b.seq, x.id, d.id IS NULL AS gone, "
            + "d.id IS NOT NULL AND decision_record_hash(d) IS DISTINCT FROM x.h AS edited, "
            + "x.t < (SELECT max(cutoff) FROM record_purges) AS purgeable "
            + "FROM record_batches b CROSS JOIN LATERAL unnest(b.record_ids, b.record_hashes, b.record_times) AS x(id, h, t) "
            + "LEFT JOIN decision_records d ON d.id = x.id AND d.chain_id = b.chain_id AND d.chain_seq = b.seq")) {
            ps.setFetchSize(2000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean gone = rs.getBoolean(4);
                    if (gone && rs.getBoolean(6)) {
                        counts[3]++;
                        continue;
                    }
                    counts[2]++;
                    UUID chain = rs.getObject(1, UUID.class);
                    long seq = rs.getLong(2);
                    String id = rs.getString(3);
                    if (gone) {
                        add(findings, new Finding("DELETED", id, chain, seq, "the record is listed in its group but is not in the store"));
                    } else if (rs.getBoolean(5)) {
                        add(findings, new Finding("EDITED", id, chain, seq, "the record's content does not match the hash it was written with"));
                    }
                }
            }
        }
    }

    /** Records that no group lists: added outside the service's writer. */
    private static void checkUnlisted(Connection c, List<Finding> findings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT d.id, d.chain_id, d.chain_seq FROM decision_records d WHERE NOT EXISTS "
            + "(SELECT 1 FROM record_batches b WHERE b.chain_id = d.chain_id AND b.seq = d.chain_seq AND d.id = ANY (b.record_ids))")) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(findings, new Finding("INSERTED", rs.getString(1), rs.getObject(2, UUID.class), rs.getLong(3),
                        "the record is in no group of any chain"));
                }
            }
        }
    }

    private static void add(List<Finding> findings, Finding f) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(f);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
