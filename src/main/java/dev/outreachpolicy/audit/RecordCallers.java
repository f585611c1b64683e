package dev.outreachpolicy.audit;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The caller of each recorded decision ({@code decision_callers}), written in the decision's own transaction, and the
 * rule for reading records back: legal and admin read every record; an agent only those of its own decisions (any
 * other is "not found", so that ids cannot be probed).
 */
@ApplicationScoped
public class RecordCallers {
    @Inject
    Instance<RecordOwner> owner;

    /** The current caller, when a request with an identified caller is active. */
    Optional<RecordOwner> current() {
        ManagedContext request = Arc.container() == null ? null : Arc.container().requestContext();
        if (request == null || !request.isActive() || !owner.isResolvable()) {
            return Optional.empty();
        }
        return Optional.of(owner.get());
    }

    /** Records who asked for these decisions, inside the caller's transaction; nothing without an identity. */
    void save(Connection c, List<String> decisionIds) throws SQLException {
        Optional<String> who = current().flatMap(RecordOwner::recordedIdentity);
        if (who.isEmpty() || decisionIds.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO decision_callers (decision_id, caller) VALUES (?, ?)")) {
            for (String id : decisionIds) {
                ps.setString(1, id);
                ps.setString(2, who.get());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Whether the current caller may read this decision's record. */
    boolean mayRead(Connection c, String decisionId) throws SQLException {
        Optional<RecordOwner> o = current();
        if (o.isEmpty() || !o.get().readsOwnRecordsOnly()) {
            return true;
        }
        Optional<String> who = o.get().recordedIdentity();
        if (who.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT caller FROM decision_callers WHERE decision_id = ?")) {
            ps.setString(1, decisionId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && who.get().equals(rs.getString(1));
            }
        }
    }
}
