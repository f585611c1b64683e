package dev.outreachpolicy.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Answers kept for {@code Idempotency-Key}: a retry with the same key on the same endpoint within 24 hours
 * gets the first answer. The answer is saved in the same transaction as what the request recorded, so a
 * retry can never record twice.
 */
@ApplicationScoped
public class IdempotencyStore {
    public static final String WINDOW = "24 hours";
    private final DataSource db;

    @Inject
    public IdempotencyStore(DataSource db) { this.db = db; }

    /** A saved answer: its status and body, and the hash of the request it answered. */
    public record Saved(int status, String body, String requestHash) { }

    public Optional<Saved> find(String endpoint, String key) {
        try (Connection c = db.getConnection()) {
            return find(c, endpoint, key);
        } catch (SQLException e) {
            throw new StoreException("cannot read idempotency keys", e);
        }
    }

    public Optional<Saved> find(Connection c, String endpoint, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, response, request_hash FROM idempotency_keys WHERE endpoint = ? AND key = ? "
            + "AND created_at > clock_timestamp() - interval '" + WINDOW + "'")) {
            ps.setString(1, endpoint);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Saved(rs.getInt(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /**
     * Saves the answer unless one is already saved for the key; returns false then (the caller rolls back what
     * it recorded and answers with the saved one). An expired key is replaced.
     */
    public boolean save(Connection c, String endpoint, String key, String requestHash, int status, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_keys (endpoint, key, status, response, request_hash) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (endpoint, key) DO UPDATE SET status = EXCLUDED.status, response = EXCLUDED.response, "
            + "request_hash = EXCLUDED.request_hash, created_at = clock_timestamp() "
            + "WHERE idempotency_keys.created_at <= clock_timestamp() - interval '" + WINDOW + "'")) {
            ps.setString(1, endpoint);
            ps.setString(2, key);
            ps.setInt(3, status);
            ps.setString(4, body);
            ps.setString(5, requestHash);
            return ps.executeUpdate() == 1;
        }
    }

    /** Forgets answers older than the window. */
    public int purge() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM idempotency_keys WHERE created_at <= clock_timestamp() - interval '" + WINDOW + "'")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot purge idempotency keys", e);
        }
    }
}
