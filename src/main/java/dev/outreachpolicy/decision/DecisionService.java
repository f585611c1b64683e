package dev.outreachpolicy.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.audit.RecordWriter;
import dev.outreachpolicy.audit.RecordedFacts;
import dev.outreachpolicy.consents.ConsentStore;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.consent.ConsentReceipt;
import dev.outreachpolicy.engine.consent.ConsentRegister;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.resolution.FactResolver;
import dev.outreachpolicy.engine.resolution.RegisteredBasisResolver;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.screening.CallRegisters;
import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.logging.DecisionLogContext;
import dev.outreachpolicy.metrics.DecisionMetrics;
import dev.outreachpolicy.registers.RegisterStore;
import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.serving.HeldRuleset;
import dev.outreachpolicy.store.OneTripReads;
import dev.outreachpolicy.store.RecordIds;
import dev.outreachpolicy.suppression.SuppressionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Answers decision requests: reads the request strictly, resolves its facts against the store (suppression list,
 * TPS/CTPS registers), runs the active ruleset, records the decision durably, and only then answers.
 */
@ApplicationScoped
public class DecisionService {
    static final Duration WHAT_IF = Duration.ofHours(24);
    /** A batch is recorded in one transaction; this bounds its size and the time a caller waits. */
    static final int MAX_BATCH = 1000;
    private final ActiveRuleset rules;
    private final SuppressionStore suppressions;
    private final DecisionRecords records;
    private final ObjectMapper json;
    private final Timer timer;
    /**
     * The block-list and consent-receipt reads of concurrent single decisions, one query each for all (see
     * {@link SuppressionGroupRead}).
     */
    private final SuppressionGroupRead<PreRead> groupRead;
    /** Single decisions answered without a worker thread each ({@link #decideLater}): read, evaluated and recorded in groups. */
    private final DecisionGroups groups;
    /**
     * Where single decisions are evaluated when they are answered without a worker thread each ({@link #decideLater}):
     * a thread per core, so that evaluations do not queue behind I/O and no request parks a thread while its facts are
     * read and its record committed.
     */
    private final java.util.concurrent.ExecutorService evaluators;
    /** Threads for the work of a decision that waits on the store outside the group read (see {@link #lookups()}). */
    private final java.util.concurrent.ExecutorService lookups;
    private final RegisterStore registers;
    private final AssessmentStore assessments;
    private final ConsentStore consents;
    /** The engine's pipeline, looking up the store's suppression list, registers, assessments and consents. */
    private final Evaluator evaluator;
    @Inject
    DecisionMetrics decisionMetrics;
    @Inject
    javax.sql.DataSource db;

    @Inject
    public DecisionService(ActiveRuleset rules, SuppressionStore suppressions, RegisterStore registers, DecisionRecords records,
                           AssessmentStore assessments, ConsentStore consents, ObjectMapper json, MeterRegistry metrics,
                           RecordWriter writer,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "policy.suppression.group-read", defaultValue = "true")
                           boolean groupReads,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "policy.decisions.threads", defaultValue = "0")
                           int evaluatorThreads,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "policy.decisions.group-threads", defaultValue = "0")
                           int groupThreads) {
        this.registers = registers;
        this.assessments = assessments;
        this.consents = consents;
        this.rules = rules;
        this.suppressions = suppressions;
        this.records = records;
        this.json = json;
        this.evaluator = new Evaluator(new FactResolver(suppressions, registers, new RegisteredBasisResolver(assessments, consents)));
        this.groupRead = groupReads ? new SuppressionGroupRead<>(this::preRead) : null;
        int n = evaluatorThreads > 0 ? evaluatorThreads : Runtime.getRuntime().availableProcessors();
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        this.evaluators = java.util.concurrent.Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "decision-evaluator-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.groups = new DecisionGroups(groupThreads > 0 ? groupThreads : 2 * n, MAX_BATCH, writer, this::preRead,
            (p, pre) -> {
                try (HeldRuleset held = rules.hold()) {
                    return evaluate(p.request, p.now, held.ruleset(), pre);
                }
            });
        java.util.concurrent.atomic.AtomicInteger lookupCount = new java.util.concurrent.atomic.AtomicInteger();
        this.lookups = java.util.concurrent.Executors.newFixedThreadPool(Math.max(8, 4 * n), r -> {
            Thread t = new Thread(r, "decision-lookup-" + lookupCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // A histogram (buckets), not client-side quantiles: those decay to 0.0 as soon as the traffic pauses.
        this.timer = Timer.builder("policy.decisions.evaluation").description("Rule evaluation of one decision")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(5_000)).maximumExpectedValue(Duration.ofSeconds(1))
            .register(metrics);
    }

    /**
     * One decision, as the JSON answer.
     * @param whatIfAllowed whether the caller may ask about an asOf more than 24 hours away from now, earlier or later
     * @param idem the idempotency key's slot, or null
     */
    public String decide(JsonNode body, boolean whatIfAllowed, IdempotencyKey idem) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionRecords.Entry entry = evaluate(body, now, whatIfAllowed);
        var earlier = records.append(List.of(entry), idem, entry.responseJson());
        decisionMetrics.recorded(earlier.isEmpty() ? List.of(entry) : List.of());
        return earlier.orElse(entry.responseJson());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        groups.close();
        evaluators.shutdown();
        lookups.shutdown();
    }

    /** The threads single decisions are evaluated on by {@link #decideLater}: one per core, for rule evaluation. */
    public java.util.concurrent.Executor evaluators() {
        return evaluators;
    }

    /**
     * Threads for work that waits on the store outside the group read (an idempotency key's saved answer, a TPS/CTPS
     * register, a registered assessment or consent named by reference), so that it never holds a thread the rules of
     * other requests are waiting for.
     */
    public java.util.concurrent.Executor lookups() {
        return lookups;
    }

    /**
     * One decision, as {@link #decide} answers it, without holding the calling thread: the request is read strictly
     * here (an invalid one throws at once); a group thread ({@link DecisionGroups}) reads the person's block-list
     * entries and consent receipts with those of the other requests waiting, runs the rules and records the group; the
     * future completes once the record is durable, on that thread (or fails: a {@code StoreException} when nothing could
     * be recorded).
     * @param caller who asks, taken on the request's thread ({@link #callerIdentity})
     * @param decided told the decision's id once it is evaluated (before it is recorded), for the log context
     */
    public CompletableFuture<String> decideLater(JsonNode body, boolean whatIfAllowed, IdempotencyKey idem,
                                                                      Optional<String> caller,
                                                                      java.util.function.Consumer<String> decided) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionRequest request = parse(body, now, whatIfAllowed);
        return groups.decide(request, now, idem, caller, decided).thenApply(r -> {
            decisionMetrics.recorded(r.earlier().isEmpty() ? List.of(r.entry()) : List.of());
            return r.earlier().orElse(r.entry().responseJson());
        });
    }

    /**
     * One decision evaluated and made ready to record, but not recorded: for callers that record several together
     * ({@link #record}), such as the streaming endpoint or a plan.
     * @throws InvalidInputException for an invalid request; {@link WhatIfNotAllowedException} for a far asOf
     */
    public DecisionRecords.Entry evaluate(JsonNode body, Instant now, boolean whatIfAllowed) {
        DecisionRequest request = parse(body, now, whatIfAllowed);
        if (groupRead == null) {
            try (HeldRuleset held = rules.hold()) {
                return evaluate(request, now, held.ruleset(), (List<Suppressed>) null);
            }
        }
        PreRead pre = groupRead.read(request);
        try (HeldRuleset held = rules.hold()) {
            return evaluate(request, now, held.ruleset(), pre);
        }
    }

    /**
     * The entry of a request whose facts are resolved: evaluates them with the given ruleset and serialises the answer
     * and the facts once. Not recorded.
     */
    public DecisionRecords.Entry entry(ResolvedFacts facts, Ruleset ruleset, Instant now) {
        long t0 = System.nanoTime();
        Evaluation evaluation = evaluator.evaluate(facts, ruleset);
        timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        DecisionRequest request = facts.request();
        Decision decision = Decision.of(RecordIds.next(RecordIds.DECISION, now), evaluation, request.asOf(), now);
        DecisionLogContext.enter(decision.decisionId());
        ObjectNode complete = facts.toRecord();
        try {
            return new DecisionRecords.Entry(decision, request, RecordedFacts.masked(complete, request).toString(),
                json.writeValueAsBytes(complete), json.writeValueAsString(decision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records entries durably in the next group commit, with the idempotency answer if any; returns once they are
     * durable (or throws a {@code StoreException}, and none of them is recorded).
     * @return the answer saved earlier for the same idempotency key (nothing recorded now), or empty
     */
    public Optional<String> record(List<DecisionRecords.Entry> entries, IdempotencyKey idem, String idemBody) {
        var earlier = records.append(entries, idem, idemBody);
        decisionMetrics.recorded(earlier.isEmpty() ? entries : List.of());
        return earlier;
    }

    /** {@link #record} without waiting: the future completes when the entries are durable, or fails. */
    public CompletableFuture<Optional<String>> recordLater(List<DecisionRecords.Entry> entries) {
        return recordLater(entries, records.callerIdentity());
    }

    /** {@link #recordLater} for a caller identified earlier, on the request's thread ({@link #callerIdentity}). */
    public CompletableFuture<Optional<String>> recordLater(List<DecisionRecords.Entry> entries,
                                                                                         Optional<String> caller) {
        return records.appendLater(entries, null, null, caller).thenApply(earlier -> {
            decisionMetrics.recorded(entries);
            return earlier;
        });
    }

    /** A batch: each item answered or given its own problem; all answered items recorded in one transaction. */
    public String decideAll(JsonNode body, boolean whatIfAllowed, IdempotencyKey idem, ProblemWriter problems) {
        JsonNode items = body.get("items");
        if (!body.isObject() || items == null || !items.isArray()) {
            throw new InvalidInputException("/items", "is required: an array of decision requests");
        }
        if (items.size() > MAX_BATCH) {
            throw new InvalidInputException("/items", "holds " + items.size() + " requests; a batch takes at most " + MAX_BATCH);
        }
        var unknown = new ArrayList<String>();
        body.fieldNames().forEachRemaining(n -> {
            if (!n.equals("items")) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("/" + unknown.get(0), "unknown field");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<DecisionRecords.Entry> entries = new ArrayList<>();
        // The answers are written as they were serialised for the records, not parsed and serialised again.
        StringBuilder out = new StringBuilder(items.size() * 2048 + 16).append("{\"items\":[");
        // Every item parsed first, then the block list read once for all their persons, then each evaluated.
        Object[] parsed = new Object[items.size()];
        List<DecisionRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                DecisionRequest r = parse(items.get(i), now, whatIfAllowed);
                parsed[i] = r;
                requests.add(r);
            } catch (InvalidInputException e) {
                parsed[i] = problems.invalid(e, "/items/" + i);
            } catch (WhatIfNotAllowedException e) {
                parsed[i] = problems.forbidden(e.getMessage());
            }
        }
        List<PreRead> hits = preRead(requests);
        try (HeldRuleset held = rules.hold()) {
            Ruleset ruleset = held.ruleset();
            int r = 0;
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (parsed[i] instanceof DecisionRequest request) {
                    try {
                        DecisionRecords.Entry e = evaluate(request, now, ruleset, hits.get(r++));
                        entries.add(e);
                        out.append(e.responseJson());
                    } catch (InvalidInputException e) {
                        out.append(problems.invalid(e, "/items/" + i));
                    }
                } else {
                    out.append(parsed[i]);
                }
            }
        }
        String batch = out.append("]}").toString();
        var earlier = records.append(entries, idem, batch);
        decisionMetrics.recorded(earlier.isEmpty() ? entries : List.of());
        return earlier.orElse(batch);
    }

    /** A decision evaluated exactly as {@link #decide} would, but not recorded: the legal page's "try a decision". */
    public Decision tryOut(JsonNode body) {
        return evaluate(body, Instant.now().truncatedTo(ChronoUnit.MILLIS), true).decision();
    }

    /** The identity recorded with the current request's decisions (see {@link DecisionRecords#callerIdentity}). */
    public Optional<String> callerIdentity() {
        return records.callerIdentity();
    }

    /**
     * The ruleset serving now, held until closed: a plan evaluates all its cells on one, a stream each chunk's lines, and
     * a reload meanwhile does not release it under them.
     */
    public HeldRuleset holdRuleset() {
        return rules.hold();
    }

    /** The block-list entries naming the request's person, whatever their scope: what a plan reads once for all its cells. */
    public List<Suppressed> suppressionHits(DecisionRequest request) {
        return suppressions.find(request.prospect().getRef(), request.prospect().getEmail(), request.prospect().getPhoneE164());
    }

    /**
     * Evaluates one request exactly as {@link #decide} does, without recording it: a plan's cell.
     * @param ruleset the ruleset to judge with
     * @param preRead the block-list entries naming the person, already read ({@link #suppressionHits}); null to read them here
     */
    public DecisionRecords.Entry evaluate(JsonNode body, Instant now, boolean whatIfAllowed, Ruleset ruleset, List<Suppressed> preRead) {
        return evaluate(parse(body, now, whatIfAllowed), now, ruleset, preRead);
    }

    /**
     * A request read strictly and checked against the caller's right to a far asOf; not yet resolved.
     * @throws InvalidInputException for an invalid request; {@link WhatIfNotAllowedException} for a far asOf
     */
    public DecisionRequest parse(JsonNode body, Instant now, boolean whatIfAllowed) {
        DecisionRequest request = evaluator.parse(body, now);
        if (request.asOfStated() && !whatIfAllowed && WhatIfNotAllowedException.isWhatIf(request.asOf(), now, WHAT_IF)) {
            throw new WhatIfNotAllowedException(request.asOf().isBefore(now));
        }
        return request;
    }

    /** A parsed request resolved (with the block-list entries already read, or null to read them) and evaluated; not recorded. */
    public DecisionRecords.Entry evaluate(DecisionRequest request, Instant now, Ruleset ruleset, List<Suppressed> preRead) {
        return entry(evaluator.resolve(request, ruleset, preRead), ruleset, now);
    }

    /** A parsed request resolved with what was read about its person for several requests at once ({@link #preRead}); not recorded. */
    public DecisionRecords.Entry evaluate(DecisionRequest request, Instant now, Ruleset ruleset, PreRead preRead) {
        Evaluator withReceipts = evaluator;
        if (preRead.receipts() != null || preRead.screenings() != null) {
            String ref = request.prospect().getRef();
            List<ConsentReceipt> receipts = preRead.receipts();
            CallRegisters screens = preRead.screenings() == null ? registers
                : preRead.screenings().or(registers);
            ConsentRegister register = receipts == null ? consents : new ConsentRegister() {
                @Override
                public Optional<ConsentReceipt> receipt(String id, String r) {
                    return consents.receipt(id, r);
                }

                @Override
                public List<ConsentReceipt> receipts(String r) {
                    return Objects.equals(r, ref) ? receipts : consents.receipts(r);
                }
            };
            withReceipts = new Evaluator(new FactResolver(suppressions, screens, new RegisteredBasisResolver(assessments, register)));
        }
        return entry(withReceipts.resolve(request, ruleset, preRead.suppressed()), ruleset, now);
    }

    /**
     * What the store says about each of these persons: the block-list entries naming them and, for the requests that
     * look them up, their consent receipts, in one round trip to the store ({@link OneTripReads}).
     * Read when the call is made, so as exact as a read per decision.
     */
    @SuppressWarnings("unchecked")
    public List<PreRead> preRead(List<DecisionRequest> requests) {
        List<List<byte[]>> hashes = new ArrayList<>(requests.size());
        List<byte[]> all = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (DecisionRequest r : requests) {
            List<byte[]> h = suppressions.hashesOf(r.prospect().getRef(), r.prospect().getEmail(), r.prospect().getPhoneE164());
            hashes.add(h);
            all.addAll(h);
            if (PreRead.needsReceipts(r)) {
                refs.add(r.prospect().getRef());
            }
        }
        // the numbers of the calls, screened against the TPS and CTPS registers in the same round trip (two queries per
        // call otherwise, each holding an evaluator thread while it waits for the store)
        Set<String> phones = new HashSet<>();
        for (DecisionRequest r : requests) {
            if (FactResolver.screensNumber(r)) {
                phones.add(r.prospect().getPhoneE164());
            }
        }
        List<OneTripReads.Read<?>> reads = new ArrayList<>(3);
        reads.add(suppressions.findHashesRead(all));
        if (!refs.isEmpty()) {
            reads.add(consents.receiptsOfRead(refs));
        }
        if (!phones.isEmpty()) {
            reads.add(registers.screenRead(phones));
        }
        List<Object> read = all.isEmpty() && refs.isEmpty() && phones.isEmpty() ? List.of(List.of())
            : OneTripReads.run(db, reads, "cannot read the suppression list and consent receipts");
        List<List<Suppressed>> hits = matched(hashes, (List<SuppressionStore.Hit>) read.get(0));
        Map<String, List<ConsentReceipt>> receipts = refs.isEmpty() ? Map.of()
            : (Map<String, List<ConsentReceipt>>) read.get(1);
        RegisterStore.Screenings screenings = phones.isEmpty() ? null
            : (RegisterStore.Screenings) read.get(read.size() - 1);
        List<PreRead> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            DecisionRequest r = requests.get(i);
            out.add(new PreRead(hits.get(i), PreRead.needsReceipts(r) ? receipts.getOrDefault(r.prospect().getRef(), List.of()) : null,
                FactResolver.screensNumber(r) ? screenings : null));
        }
        return out;
    }

    /**
     * The block-list entries naming each of these persons, read in one query when the call is made: as exact as a
     * read per decision (an entry recorded before this call is seen), for the price of one round trip.
     */
    public List<List<Suppressed>> suppressionHits(List<DecisionRequest> requests) {
        List<List<byte[]>> hashes = new ArrayList<>(requests.size());
        List<byte[]> all = new ArrayList<>();
        for (DecisionRequest r : requests) {
            List<byte[]> h = suppressions.hashesOf(r.prospect().getRef(), r.prospect().getEmail(), r.prospect().getPhoneE164());
            hashes.add(h);
            all.addAll(h);
        }
        return matched(hashes, suppressions.findHashes(all));
    }

    /** Each person's entries among those found, by the keyed hashes that name the person. */
    private static List<List<Suppressed>> matched(List<List<byte[]>> hashes, List<SuppressionStore.Hit> found) {
        Map<ByteBuffer, List<Suppressed>> byHash = new HashMap<>();
        for (SuppressionStore.Hit hit : found) {
            byHash.computeIfAbsent(ByteBuffer.wrap(hit.hash()), k -> new ArrayList<>()).add(hit.entry());
        }
        List<List<Suppressed>> out = new ArrayList<>(hashes.size());
        for (List<byte[]> h : hashes) {
            List<Suppressed> mine = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            for (byte[] one : h) {
                ByteBuffer key = ByteBuffer.wrap(one);
                if (seen.add(key)) {
                    mine.addAll(byHash.getOrDefault(key, List.of()));
                }
            }
            out.add(mine);
        }
        return out;
    }
}
