package dev.outreachpolicy.decision;

import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.audit.RecordWriter;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.engine.request.DecisionRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Single decisions answered in groups by a few threads, each of which takes every request waiting when it is free and
 * carries the group through on its own: the store's reads about their persons (block list, consent receipts) in one
 * query after they arrived, the rules, and their records in one transaction on a chain of its own
 * ({@link RecordWriter.Lane}). A lone request is taken at once (no timed wait gathers a group) and crosses two thread
 * boundaries only: from the event loop to a group thread, and back with its answer. While one thread waits on the
 * store, the others take the requests arriving meanwhile, so the commits are shared under load as before.
 *
 * <p>A failed read answers each request of the group with its failure and records none; a request whose evaluation
 * fails is answered with its own failure; a failed write answers each request of the group with a problem and stores
 * none of them (see {@link RecordWriter}).
 */
final class DecisionGroups implements AutoCloseable {
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final int groupMax;
    private volatile boolean closed;

    /**
     * @param readAll what the store says about each request's person, in one go
     * @param evaluate a request and what was read about it, to the entry to record (may throw for that request alone)
     */
    <T> DecisionGroups(int threadCount, int groupMax, RecordWriter writer, Function<List<DecisionRequest>, List<T>> readAll,
                       BiFunction<Pending, T, DecisionRecords.Entry> evaluate) {
        this.groupMax = groupMax;
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(() -> run(writer.lane(), readAll, evaluate), "decision-group-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** A request waiting for its group, with what its record needs and the answer it waits for. */
    static final class Pending {
        final DecisionRequest request;
        final Instant now;
        final IdempotencyKey idem;
        final Optional<String> caller;
        final Consumer<String> decided;
        final CompletableFuture<Recorded> done = new CompletableFuture<>();

        Pending(DecisionRequest request, Instant now, IdempotencyKey idem, Optional<String> caller, Consumer<String> decided) {
            this.request = request;
            this.now = now;
            this.idem = idem;
            this.caller = caller;
            this.decided = decided;
        }
    }

    /** A decision durable in the store: its entry, and the answer saved earlier for its idempotency key if any. */
    record Recorded(DecisionRecords.Entry entry, Optional<String> earlier) { }

    /** Hands a request over to the next group; the future completes once its record is durable, or fails. */
    CompletableFuture<Recorded> decide(DecisionRequest request, Instant now, IdempotencyKey idem, Optional<String> caller,
                                       Consumer<String> decided) {
        Pending p = new Pending(request, now, idem, caller, decided);
        if (closed) {
            p.done.completeExceptionally(new dev.outreachpolicy.store.StoreException("the service is stopping", null));
            return p.done;
        }
        queue.add(p);
        if (closed && queue.remove(p)) {
            // the threads may have found the queue empty and stopped between the check above and the add
            p.done.completeExceptionally(new dev.outreachpolicy.store.StoreException("the service is stopping", null));
        }
        return p.done;
    }

    private <T> void run(RecordWriter.Lane lane, Function<List<DecisionRequest>, List<T>> readAll,
                         BiFunction<Pending, T, DecisionRecords.Entry> evaluate) {
        List<Pending> group = new ArrayList<>();
        List<DecisionRequest> requests = new ArrayList<>();
        while (true) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            group.clear();
            requests.clear();
            group.add(first);
            queue.drainTo(group, groupMax - 1);
            for (Pending p : group) {
                requests.add(p.request);
            }
            try {
                carry(group, readAll.apply(requests), lane, evaluate);
            } catch (Throwable e) {
                // Every request of the group is answered, whatever went wrong, and the thread goes on with the next
                // group: a thread that died would leave later decisions waiting for ever.
                for (Pending p : group) {
                    p.done.completeExceptionally(e);
                }
                if (e instanceof VirtualMachineError fatal && !(e instanceof OutOfMemoryError)) {
                    throw fatal;
                }
            }
        }
    }

    private <T> void carry(List<Pending> group, List<T> read, RecordWriter.Lane lane, BiFunction<Pending, T, DecisionRecords.Entry> evaluate) {
        for (int i = 0; i < group.size(); i++) {
            Pending p = group.get(i);
            DecisionRecords.Entry entry;
            try {
                entry = evaluate.apply(p, read.get(i));
                p.decided.accept(entry.decision().decisionId());
            } catch (RuntimeException e) {
                p.done.completeExceptionally(e);
                continue;
            } finally {
                // a group thread is not a request: the decision id put on the log context must not stay for the next one
                org.jboss.logging.MDC.remove(dev.outreachpolicy.logging.DecisionLogContext.KEY);
            }
            lane.add(List.of(entry), p.idem, entry.responseJson(), p.caller).whenComplete((earlier, failure) -> {
                if (failure != null) {
                    p.done.completeExceptionally(failure);
                } else {
                    p.done.complete(new Recorded(entry, earlier));
                }
            });
        }
        lane.flush();
    }

    /** Stops taking requests; the groups under way and the requests already waiting are finished first (at shutdown). */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
