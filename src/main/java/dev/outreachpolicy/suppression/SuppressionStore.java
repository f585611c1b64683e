package dev.outreachpolicy.suppression;

import dev.outreachpolicy.engine.suppression.SuppressionList;
import dev.outreachpolicy.engine.suppression.SuppressionRequest;

import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.store.StoreKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The global block list in PostgreSQL. Every decision reads it at decision time with one indexed lookup,
 * so an entry recorded on any instance blocks the very next decision on every other. Identifiers are stored as
 * keyed hashes only; an entry is unique by (kind, hash, key, scope), so posting it again changes nothing.
 */
@ApplicationScoped
public class SuppressionStore implements SuppressionList {
    private final DataSource db;
    private final StoreKeys keys;

    @Inject
    public SuppressionStore(DataSource db, StoreKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    /** The result of recording an entry: the entry, and whether it was new. */
    public record Recorded(SuppressionEntry entry, boolean created) { }

    public Recorded record(SuppressionRequest r) {
        byte[] hash = keys.hash(r.kind(), r.identifier());
        String sql = "INSERT INTO suppressions (id, kind, identifier_hash, key_id, masked, scope, source, opted_out_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, identifier_hash, key_id, scope) DO NOTHING";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, r.kind());
            ps.setBytes(3, hash);
            ps.setString(4, keys.keyId());
            ps.setString(5, r.masked());
            ps.setString(6, r.scope());
            ps.setString(7, r.source());
            ps.setTimestamp(8, Timestamp.from(r.at()));
            boolean created = ps.executeUpdate() == 1;
            SuppressionEntry e = one(c, "SELECT * FROM suppressions WHERE kind = ? AND identifier_hash = ? AND key_id = ? AND scope = ?",
                r.kind(), hash, keys.keyId(), r.scope()).orElseThrow();
            return new Recorded(e, created);
        } catch (SQLException e) {
            throw new StoreException("cannot record the suppression", e);
        }
    }

    @Override
    public List<Suppressed> find(String ref, String email, String phoneE164) {
        List<byte[]> hashes = hashesOf(ref, email, phoneE164);
        List<Suppressed> out = new ArrayList<>();
        for (Hit h : findHashes(hashes)) {
            out.add(h.entry());
        }
        return out;
    }

    /** An entry found by {@link #findHashes}, with the keyed hash it was found by. */
    public record Hit(byte[] hash, Suppressed entry) { }

    /**
     * The entries whose keyed hash is one of these, each with its hash: one query for the lookups of many decisions
     * (a chunk of a stream), each decision taking the entries of its own {@link #hashesOf}.
     */
    public List<Hit> findHashes(java.util.Collection<byte[]> hashes) {
        if (hashes.isEmpty()) {
            return new ArrayList<>();
        }
        return dev.outreachpolicy.store.OneTripReads.one(db, findHashesRead(hashes), "cannot read the suppression list");
    }

    /** {@link #findHashes} as a read to send with others in one round trip ({@link dev.outreachpolicy.store.OneTripReads}). */
    public dev.outreachpolicy.store.OneTripReads.Read<List<Hit>> findHashesRead(java.util.Collection<byte[]> hashes) {
        return new dev.outreachpolicy.store.OneTripReads.Read<>() {
            @Override
            public String sql() {
                return "SELECT identifier_hash, kind, scope, source, recorded_at FROM suppressions WHERE identifier_hash = ANY (?)";
            }

            @Override
            public int bind(Connection c, PreparedStatement ps, int first) throws SQLException {
                ps.setArray(first, c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
                return first + 1;
            }

            @Override
            public List<Hit> read(ResultSet rs) throws SQLException {
                List<Hit> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Hit(rs.getBytes(1), new Suppressed(rs.getString("scope"), rs.getString("kind").toLowerCase(java.util.Locale.ROOT),
                        rs.getString("source"), rs.getTimestamp("recorded_at").toInstant())));
                }
                return out;
            }
        };
    }

    /** The keyed hashes that name a person, as {@link #find} looks them up: ref, e-mail (and its older spellings), domain, phone. */
    public List<byte[]> hashesOf(String ref, String email, String phoneE164) {
        List<byte[]> hashes = new ArrayList<>();
        if (ref != null) {
            hashes.add(keys.hash("REF", ref));
        }
        if (email != null) {
            hashes.add(keys.hash("EMAIL", email));
            hashes.add(keys.hash("DOMAIN", EmailAddress.domain(email)));
            LegacySpellings.ofEmail(email).forEach(l -> hashes.add(keys.hash("EMAIL", l)));
        }
        if (phoneE164 != null) {
            hashes.add(keys.hash("PHONE", phoneE164));
        }
        return hashes;
    }

    /** Entries naming one identifier (for an e-mail, its domain's entries too). */
    public List<SuppressionEntry> list(String kind, String identifier) {
        List<byte[]> hashes = new ArrayList<>(List.of(keys.hash(kind, identifier)));
        if (kind.equals("EMAIL")) {
            hashes.add(keys.hash("DOMAIN", EmailAddress.domain(identifier)));
            LegacySpellings.ofEmail(identifier).forEach(l -> hashes.add(keys.hash("EMAIL", l)));
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM suppressions WHERE identifier_hash = ANY (?) ORDER BY recorded_at")) {
            ps.setArray(1, c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            return all(ps);
        } catch (SQLException e) {
            throw new StoreException("cannot read the suppression list", e);
        }
    }

    /** An entry with the hex of its keyed hash: what an export carries (the identifier itself is not kept). */
    public record Exported(SuppressionEntry entry, String hashHex) { }

    public List<Exported> export() {
        List<Exported> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT * FROM suppressions ORDER BY recorded_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Exported(entry(rs), java.util.HexFormat.of().formatHex(rs.getBytes("identifier_hash"))));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the suppression list", e);
        }
    }

    public boolean delete(UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM suppressions WHERE id = ?")) {
            ps.setObject(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot delete the suppression", e);
        }
    }

    /** How many entries the list holds (for the metrics; one count, with a 5-second statement timeout). */
    public long size() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM suppressions")) {
            ps.setQueryTimeout(5);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot count the suppression list", e);
        }
    }

    private static List<SuppressionEntry> all(PreparedStatement ps) throws SQLException {
        List<SuppressionEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    private static Optional<SuppressionEntry> one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<SuppressionEntry> l = all(ps);
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        }
    }

    private static SuppressionEntry entry(ResultSet rs) throws SQLException {
        return new SuppressionEntry(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("masked"),
            rs.getString("key_id"), rs.getString("scope"), rs.getString("source"),
            rs.getTimestamp("opted_out_at").toInstant(), rs.getTimestamp("recorded_at").toInstant());
    }
}
