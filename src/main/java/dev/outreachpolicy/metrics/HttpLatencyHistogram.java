package dev.outreachpolicy.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Publishes the latency of every HTTP request ({@code http_server_requests_seconds}, by method, templated uri and
 * status) as a Prometheus histogram with fixed buckets from 1 ms to 10 s, so a dashboard can draw p50/p95/p99 across
 * instances with {@code histogram_quantile} (client-side quantiles cannot be summed over instances).
 */
@Singleton
public class HttpLatencyHistogram implements MeterFilter {
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals("http.server.requests")) {
            return config;
        }
        double[] slos = new double[BUCKETS.length];
        for (int i = 0; i < BUCKETS.length; i++) {
            slos[i] = BUCKETS[i].toNanos();
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
    }
}
