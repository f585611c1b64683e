package dev.outreachpolicy.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.request.RequestParser;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Whatever a group read throws, every request of that group is answered and the next group is still read. */
class SuppressionGroupReadTest {

    @Test
    void anErrorInOneGroupFailsThatGroupAndTheReaderGoesOn() throws Exception {
        DecisionRequest request = RequestParser.parse(new ObjectMapper().readTree(
            "{\"step\":\"ENRICHMENT\",\"prospect\":{\"ref\":\"crm:g-1\"}}"), Instant.now());
        AtomicInteger calls = new AtomicInteger();
        try (SuppressionGroupRead<String> reads = new SuppressionGroupRead<>(group -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("while unsealing a receipt");
            }
            return group.stream().map(r -> "read").toList();
        })) {
            ExecutionException first = assertThrows(ExecutionException.class, () -> reads.readLater(request).get(5, TimeUnit.SECONDS));
            assertInstanceOf(OutOfMemoryError.class, first.getCause());
            assertEquals("read", reads.readLater(request).get(5, TimeUnit.SECONDS), "the reader survived and read the next group");
            assertEquals(List.of("read", "read"), List.of(reads.readLater(request).get(5, TimeUnit.SECONDS),
                reads.readLater(request).get(5, TimeUnit.SECONDS)));
        }
    }
}
