package dev.outreachpolicy.decision;

import dev.outreachpolicy.engine.request.DecisionRequest;

import dev.outreachpolicy.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The block-list (and consent-receipt) reads of concurrent decisions, made together: a request hands its parsed request over and waits;
 * one reader thread takes every request waiting at that moment and reads the entries naming all their persons in one
 * query. Each read starts after its request arrived, so it is as exact as a read of its own: an opt-out recorded
 * (on any instance) before a decision arrives is seen by it. What is saved is a round trip, a pooled connection and a
 * query per decision.
 */
final class SuppressionGroupRead<T> implements AutoCloseable {
    private static final int GROUP_MAX = 512;
    private final Function<List<DecisionRequest>, List<T>> readAll;
    private final LinkedBlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closed;

    private record Pending<T>(DecisionRequest request, CompletableFuture<T> hits) { }

    SuppressionGroupRead(Function<List<DecisionRequest>, List<T>> readAll) {
        this.readAll = readAll;
        this.reader = new Thread(this::run, "suppression-group-read");
        reader.setDaemon(true);
        reader.start();
    }

    /** What the store says about the request's person, read in the next group. */
    T read(DecisionRequest request) {
        try {
            return readLater(request).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while reading the suppression list", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new StoreException("cannot read the suppression list", e.getCause());
        }
    }

    /**
     * {@link #read} without waiting: the future completes on the reader thread once the group holding this request was
     * read, or fails with the store's exception.
     */
    CompletableFuture<T> readLater(DecisionRequest request) {
        Pending<T> p = new Pending<>(request, new CompletableFuture<>());
        queue.add(p);
        return p.hits();
    }

    private void run() {
        List<Pending<T>> group = new ArrayList<>();
        List<DecisionRequest> requests = new ArrayList<>();
        while (!closed) {
            Pending<T> first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            group.clear();
            requests.clear();
            group.add(first);
            queue.drainTo(group, GROUP_MAX - 1);
            for (Pending<T> p : group) {
                requests.add(p.request());
            }
            try {
                List<T> hits = readAll.apply(requests);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).hits().complete(hits.get(i));
                }
            } catch (Throwable e) {
                // Every request of the group is answered, whatever went wrong, and the reader goes on with the next
                // group: a reader that died would leave every later decision waiting for ever.
                for (Pending<T> p : group) {
                    p.hits().completeExceptionally(e);
                }
                if (e instanceof VirtualMachineError fatal && !(e instanceof OutOfMemoryError)) {
                    throw fatal;
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
