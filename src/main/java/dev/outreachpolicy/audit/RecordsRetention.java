package dev.outreachpolicy.audit;

import dev.outreachpolicy.idempotency.IdempotencyStore;
import dev.outreachpolicy.store.StoreException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Storage limitation applies to us too: decision records older than the retention period (default 400 days) are purged daily. */
@ApplicationScoped
public class RecordsRetention {
    private static final Logger LOG = Logger.getLogger(RecordsRetention.class);

    @Inject
    DataSource db;

    @Inject
    IdempotencyStore idempotency;

    @ConfigProperty(name = "policy.records.retention-days", defaultValue = "400")
    int retentionDays;

    @Scheduled(every = "6h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int n = purgeOlderThan(Instant.now().minus(Duration.ofDays(retentionDays)));
        int k = idempotency.purge();
        if (n > 0 || k > 0) {
            LOG.infof("purged %d decision records older than %d days and %d expired idempotency keys", n, retentionDays, k);
        }
    }

    /** Deletes the records older than the retention period (storage limitation applies to us too). */
    int purgeOlderThan(Instant cutoff) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM decision_records WHERE evaluated_at < ?");
             PreparedStatement log = c.prepareStatement("INSERT INTO record_purges (cutoff, records) VALUES (?, ?)")) {
            c.setAutoCommit(false);
            ps.setTimestamp(1, Timestamp.from(cutoff));
            int n = ps.executeUpdate();
            // The verifier of the hash chain tells a record purged for retention from a deleted one by these cutoffs.
            log.setTimestamp(1, Timestamp.from(cutoff));
            log.setInt(2, n);
            log.executeUpdate();
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new StoreException("cannot purge decision records", e);
        }
    }
}
