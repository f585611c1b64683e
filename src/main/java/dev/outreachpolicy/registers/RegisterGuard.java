package dev.outreachpolicy.registers;

import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a register file that would quietly unprotect numbers: an empty file, or one that shrinks the register in
 * force by more than {@code POLICY_REGISTER_MAX_SHRINK} (a share, default 0.10), unless the import is forced. An
 * empty TPS file dated newer than the real one replaced it and turned every listed number into PERMIT.
 */
@ApplicationScoped
public class RegisterGuard {
    private final DataSource db;
    private final double maxShrink;

    @Inject
    public RegisterGuard(DataSource db, @ConfigProperty(name = "policy.registers.max-shrink", defaultValue = "0.10") double maxShrink) {
        this.db = db;
        this.maxShrink = maxShrink;
    }

    /** A refused import, with the reason and how to force it. */
    public static final class RegisterShrinkException extends RuntimeException {
        public RegisterShrinkException(String message) { super(message); }
    }

    /**
     * Checks a file before it is imported, by the count of distinct numbers it lists ({@link RegisterStore#numbers}): the
     * same number spelt two ways on two lines ({@code 020 7946 0800}, {@code +442079460800}) is one number, as the
     * register in force counts it. A forced import is always let through.
     */
    public void check(String register, int numbers, boolean forced) {
        if (forced) {
            return;
        }
        long before = inForce(register);
        if (numbers == 0) {
            throw new RegisterShrinkException("the " + register + " file lists no number" + (before > 0 ? "; the register in force lists "
                + before : "") + ". An empty register would make every number unlisted: check the file, or send force=true to import it anyway");
        }
        if (before > 0 && numbers < before * (1 - maxShrink)) {
            long pct = Math.round(100.0 * (before - numbers) / before);
            throw new RegisterShrinkException("the " + register + " file lists " + numbers + " distinct numbers and the register in force "
                + before + ": it would shrink by " + pct + "%, more than the " + Math.round(maxShrink * 100) + "% allowed"
                + " (POLICY_REGISTER_MAX_SHRINK). Check the file, or send force=true to import it anyway");
        }
    }

    private long inForce(String register) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
            "SELECT numbers FROM register_imports WHERE register = ? ORDER BY file_date DESC, id DESC LIMIT 1")) {
            ps.setString(1, register);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the register in force", e);
        }
    }
}
