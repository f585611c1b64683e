package dev.outreachpolicy.metrics;

import dev.outreachpolicy.store.StoreException;
import dev.outreachpolicy.suppression.SuppressionStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * {@code policy_suppressions_entries}: the number of entries on the global suppression list, counted in PostgreSQL every
 * 30 seconds (not on each scrape, so a scrape never waits on the database). Every instance reports the same list:
 * a dashboard takes the max over instances. While the database does not answer, the last count stays.
 */
@ApplicationScoped
public class SuppressionListSize {
    private static final Logger LOG = Logger.getLogger(SuppressionListSize.class);
    private final SuppressionStore store;
    private final AtomicLong size = new AtomicLong(-1);

    @Inject
    public SuppressionListSize(SuppressionStore store, MeterRegistry registry) {
        this.store = store;
        Gauge.builder("policy.suppressions.entries", size, AtomicLong::get)
            .description("Entries on the suppression list (-1 until first counted)").register(registry);
    }

    void onStart(@Observes StartupEvent e) { refresh(); }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        try {
            size.set(store.size());
        } catch (StoreException e) {
            LOG.debugf("suppression list not counted: %s", e.getMessage());
        }
    }
}
