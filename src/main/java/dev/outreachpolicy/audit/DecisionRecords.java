package dev.outreachpolicy.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Appends to the record of every decision, append-only in PostgreSQL: what was decided, by which ruleset version, on
 * which facts, and who asked. A decision is answered only after its record is committed (synchronous commit: durable),
 * in a group commit shared with concurrent requests ({@link RecordWriter}). The full facts are sealed under the
 * person's key ({@link SubjectKeys}); the masked facts stay readable. Reading is {@link RecordReader}'s, reviewing
 * {@link DecisionReviews}', purging {@link RecordsRetention}'s.
 */
@ApplicationScoped
public class DecisionRecords {
    private final RecordWriter writer;

    @Inject
    RecordCallers callers;

    @Inject
    public DecisionRecords(RecordWriter writer) {
        this.writer = writer;
    }

    /**
     * One decision ready to record: the answer, the request it answered, and its facts already serialised: masked (kept
     * in the clear) and complete (sealed under the person's key when written). Built on the request's thread, so that
     * the writer only seals and writes.
     */
    public record Entry(Decision decision, DecisionRequest request, String maskedJson, byte[] completeJson, String responseJson) {
        private static final ObjectMapper PLAIN = new ObjectMapper();

        /** From the facts as JSON trees ({@code ResolvedFacts.toRecord()}, {@link RecordedFacts#masked}). */
        public Entry(Decision decision, DecisionRequest request, ObjectNode complete, ObjectNode masked, String responseJson) {
            this(decision, request, masked.toString(), bytes(complete), responseJson);
        }

        private static byte[] bytes(ObjectNode complete) {
            try {
                return PLAIN.writeValueAsBytes(complete);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Records decisions (one, or a batch) and with them the answer for an idempotency key, in one transaction shared
     * with the decisions of other requests that arrived meanwhile (group commit, {@link RecordWriter}): all are durable
     * when this returns, or none is and a {@link StoreException} says so.
     * @param idemBody the answer to keep for the idempotency key (the single answer, or the whole batch's)
     * @return the answer saved earlier for the same key (nothing was recorded now), or empty when recorded
     */
    public Optional<String> append(List<Entry> entries, IdempotencyKey idem, String idemBody) {
        return await(appendLater(entries, idem, idemBody));
    }

    /** {@link #append} without waiting: the future completes once the entries are durable (or failed). */
    public java.util.concurrent.CompletableFuture<Optional<String>> appendLater(List<Entry> entries, IdempotencyKey idem, String idemBody) {
        return appendLater(entries, idem, idemBody, callerIdentity());
    }

    /**
     * {@link #appendLater} for a caller identified earlier ({@link #callerIdentity}, taken on the request's thread): the
     * writer records who asked ({@code decision_callers}) in the same transaction as the decisions.
     */
    public java.util.concurrent.CompletableFuture<Optional<String>> appendLater(List<Entry> entries, IdempotencyKey idem, String idemBody,
                                                                               Optional<String> caller) {
        return writer.submit(entries, idem, idemBody, caller);
    }

    /** The identity recorded with the current request's decisions; empty outside a request or for an unnamed caller. */
    public Optional<String> callerIdentity() {
        return callers == null ? Optional.empty() : callers.current().flatMap(RecordOwner::recordedIdentity);
    }

    private static Optional<String> await(java.util.concurrent.CompletableFuture<Optional<String>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while recording the decision", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("cannot record the decision", e.getCause());
        }
    }
}
