package dev.outreachpolicy.audit;

import dev.outreachpolicy.store.IdempotencyStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Storage limitation applies to us too: decision records older than the retention period (default 400 days) are purged daily. */
@ApplicationScoped
public class RecordsRetention {
    private static final Logger LOG = Logger.getLogger(RecordsRetention.class);

    @Inject
    DecisionRecords records;

    @Inject
    IdempotencyStore idempotency;

    @ConfigProperty(name = "policy.records.retention-days", defaultValue = "400")
    int retentionDays;

    @Scheduled(every = "6h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int n = records.purgeOlderThan(Instant.now().minus(Duration.ofDays(retentionDays)));
        int k = idempotency.purge();
        if (n > 0 || k > 0) {
            LOG.infof("purged %d decision records older than %d days and %d expired idempotency keys", n, retentionDays, k);
        }
    }
}
