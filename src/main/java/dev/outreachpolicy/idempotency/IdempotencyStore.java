package dev.outreachpolicy.idempotency;

import dev.outreachpolicy.store.StoreException;
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

    /**
     * The answer saved for this key, as it was first given; empty for a first request or no key (null).
     * @throws IdempotencyKeyReusedException when the key was saved for a different request: a retry sends the same request
     */
    public Optional<SavedAnswer> replay(IdempotencyKey key) {
        if (key == null) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection()) {
            return replay(c, key);
        } catch (SQLException e) {
            throw new StoreException("cannot read idempotency keys", e);
        }
    }

    /** {@link #replay(IdempotencyKey)} within a transaction of the caller's. */
    public Optional<SavedAnswer> replay(Connection c, IdempotencyKey key) throws SQLException {
        Optional<SavedAnswer> saved = find(c, key);
        if (saved.isPresent() && !saved.get().answers(key)) {
            throw new IdempotencyKeyReusedException();
        }
        return saved;
    }

    /** The answer saved for this key within the window, whichever request it answered. */
    public Optional<SavedAnswer> find(Connection c, IdempotencyKey key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, response, request_hash FROM idempotency_keys WHERE endpoint = ? AND key = ? "
            + "AND created_at > clock_timestamp() - interval '" + WINDOW + "'")) {
            ps.setString(1, key.endpoint());
            ps.setString(2, key.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SavedAnswer(rs.getInt(1), rs.getString(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /**
     * Saves the answer unless one is already saved for the key; returns false then (the caller rolls back what
     * it recorded and answers with the saved one). An expired key is replaced.
     */
    public boolean save(Connection c, IdempotencyKey key, int status, String body) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO idempotency_keys (endpoint, key, status, response, request_hash) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (endpoint, key) DO UPDATE SET status = EXCLUDED.status, response = EXCLUDED.response, "
            + "request_hash = EXCLUDED.request_hash, created_at = clock_timestamp() "
            + "WHERE idempotency_keys.created_at <= clock_timestamp() - interval '" + WINDOW + "'")) {
            ps.setString(1, key.endpoint());
            ps.setString(2, key.key());
            ps.setInt(3, status);
            ps.setString(4, body);
            ps.setString(5, key.requestHash());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Saves the answer of a request that recorded on its own (outside a group commit), unless a request with the same
     * key saved one first: that answer is returned then, to be given instead (or the key is refused when it answered a
     * different request).
     */
    public Optional<SavedAnswer> keep(IdempotencyKey key, int status, String body) {
        try (Connection c = db.getConnection()) {
            return save(c, key, status, body) ? Optional.empty() : Optional.of(replay(c, key).orElseThrow());
        } catch (SQLException e) {
            throw new StoreException("cannot save the idempotency key", e);
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
