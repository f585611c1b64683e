package dev.outreachpolicy.api;

import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Browser sessions for the legal page: a legal or admin key, typed once into the sign-in form, is exchanged for a
 * random session id in a cookie that is {@code Secure}, {@code HttpOnly} and {@code SameSite=Strict}, valid for
 * {@code policy.legal.session-hours} (8 by default) or until sign-out. The store keeps only a SHA-256 of the id.
 * Each session has its own CSRF token, which every form of the page carries and every POST is checked against.
 * The cookie is honoured on the legal page's own paths only; the API still takes a Bearer key.
 */
@ApplicationScoped
public class BrowserSessions {
    public static final String COOKIE = "legal_session";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final DataSource db;
    private final Duration lifetime;

    /** A signed-in browser: its role, the name it gave, which key signed it in, and the token its forms must carry. */
    public record Session(Role role, String name, String keyId, String csrf) { }

    @Inject
    public BrowserSessions(DataSource db, @ConfigProperty(name = "policy.legal.session-hours", defaultValue = "8") int hours) {
        this.db = db;
        this.lifetime = Duration.ofHours(hours);
    }

    /** A new session; returns the cookie value to hand to the browser (shown nowhere else, stored only as a hash). */
    public String open(Role role, String name, String keyId) {
        String id = random();
        try (Connection c = db.getConnection();
             PreparedStatement purge = c.prepareStatement("DELETE FROM browser_sessions WHERE expires_at < clock_timestamp()");
             PreparedStatement ps = c.prepareStatement("INSERT INTO browser_sessions (id_hash, role, name, key_id, csrf_token, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            purge.executeUpdate();
            ps.setBytes(1, hash(id));
            ps.setString(2, role.name());
            ps.setString(3, name);
            ps.setString(4, keyId);
            ps.setString(5, random());
            ps.setTimestamp(6, Timestamp.from(Instant.now().plus(lifetime)));
            ps.executeUpdate();
            return id;
        } catch (SQLException e) {
            throw new StoreException("cannot record the sign-in", e);
        }
    }

    /** The live session a cookie value names, if any. */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT role, name, key_id, csrf_token FROM browser_sessions WHERE id_hash = ? AND expires_at > clock_timestamp()")) {
            ps.setBytes(1, hash(cookieValue));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Session(Role.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the sign-in", e);
        }
    }

    /** Signs a browser out: the cookie value no longer names a session, on any instance. */
    public void close(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM browser_sessions WHERE id_hash = ?")) {
            ps.setBytes(1, hash(cookieValue));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record the sign-out", e);
        }
    }

    /** True when a form's token is the session's own (compared in constant time). */
    public static boolean csrfMatches(Session session, String presented) {
        return session != null && presented != null
            && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    public NewCookie cookie(String value) {
        return cookie(value, (int) lifetime.toSeconds());
    }

    public NewCookie expiredCookie() {
        return cookie("", 0);
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(COOKIE).value(value).path("/legal").maxAge(maxAge).secure(true).httpOnly(true)
            .sameSite(NewCookie.SameSite.STRICT).build();
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] hash(String id) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
