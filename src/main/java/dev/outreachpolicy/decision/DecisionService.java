package dev.outreachpolicy.decision;

import dev.outreachpolicy.store.RecordIds;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.resolution.FactResolver;
import dev.outreachpolicy.engine.resolution.RegisteredBasisResolver;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.engine.verdict.Evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.consents.ConsentStore;
import dev.outreachpolicy.audit.RecordedFacts;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.metrics.DecisionMetrics;
import dev.outreachpolicy.registers.RegisterStore;
import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.suppression.SuppressionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

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
    /** The block-list reads of concurrent single decisions, one query for all (see {@link SuppressionGroupRead}). */
    private final SuppressionGroupRead groupRead;
    /** The engine's pipeline, looking up the store's suppression list, registers, assessments and consents. */
    private final Evaluator evaluator;
    @Inject
    DecisionMetrics decisionMetrics;

    @Inject
    public DecisionService(ActiveRuleset rules, SuppressionStore suppressions, RegisterStore registers, DecisionRecords records,
                           AssessmentStore assessments, ConsentStore consents, ObjectMapper json, MeterRegistry metrics,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "policy.suppression.group-read", defaultValue = "true")
                           boolean groupReads) {
        this.rules = rules;
        this.suppressions = suppressions;
        this.records = records;
        this.json = json;
        this.evaluator = new Evaluator(new FactResolver(suppressions, registers, new RegisteredBasisResolver(assessments, consents)));
        this.groupRead = groupReads ? new SuppressionGroupRead(this::suppressionHits) : null;
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
    public String decide(JsonNode body, boolean whatIfAllowed, DecisionRecords.Idempotent idem) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DecisionRecords.Entry entry = evaluate(body, now, whatIfAllowed);
        var earlier = records.append(List.of(entry), idem, entry.responseJson());
        decisionMetrics.recorded(earlier.isEmpty() ? List.of(entry) : List.of());
        return earlier.orElse(entry.responseJson());
    }

    /**
     * One decision evaluated and made ready to record, but not recorded: for callers that record several together
     * ({@link #record}), such as the streaming endpoint or a plan.
     * @throws InvalidInputException for an invalid request; {@link WhatIfNotAllowedException} for a far asOf
     */
    public DecisionRecords.Entry evaluate(JsonNode body, Instant now, boolean whatIfAllowed) {
        DecisionRequest request = parse(body, now, whatIfAllowed);
        return evaluate(request, now, rules.get(), groupRead == null ? null : groupRead.read(request));
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
        dev.outreachpolicy.logging.DecisionLogContext.enter(decision.decisionId());
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
    public java.util.Optional<String> record(List<DecisionRecords.Entry> entries, DecisionRecords.Idempotent idem, String idemBody) {
        var earlier = records.append(entries, idem, idemBody);
        decisionMetrics.recorded(earlier.isEmpty() ? entries : List.of());
        return earlier;
    }

    /** {@link #record} without waiting: the future completes when the entries are durable, or fails. */
    public java.util.concurrent.CompletableFuture<java.util.Optional<String>> recordLater(List<DecisionRecords.Entry> entries) {
        return recordLater(entries, records.callerIdentity());
    }

    /** {@link #recordLater} for a caller identified earlier, on the request's thread ({@link #callerIdentity}). */
    public java.util.concurrent.CompletableFuture<java.util.Optional<String>> recordLater(List<DecisionRecords.Entry> entries,
                                                                                         java.util.Optional<String> caller) {
        return records.appendLater(entries, null, null, caller).thenApply(earlier -> {
            decisionMetrics.recorded(entries);
            return earlier;
        });
    }

    /** A batch: each item answered or given its own problem; all answered items recorded in one transaction. */
    public String decideAll(JsonNode body, boolean whatIfAllowed, DecisionRecords.Idempotent idem, ProblemWriter problems) {
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
        List<List<Suppressed>> hits = suppressionHits(requests);
        Ruleset ruleset = rules.get();
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
    public java.util.Optional<String> callerIdentity() {
        return records.callerIdentity();
    }

    /** The ruleset serving now: a plan evaluates all its cells on one. */
    public Ruleset ruleset() {
        return rules.get();
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
        java.util.Map<java.nio.ByteBuffer, List<Suppressed>> byHash = new java.util.HashMap<>();
        for (SuppressionStore.Hit hit : suppressions.findHashes(all)) {
            byHash.computeIfAbsent(java.nio.ByteBuffer.wrap(hit.hash()), k -> new ArrayList<>()).add(hit.entry());
        }
        List<List<Suppressed>> out = new ArrayList<>(requests.size());
        for (List<byte[]> h : hashes) {
            List<Suppressed> mine = new ArrayList<>();
            java.util.Set<java.nio.ByteBuffer> seen = new java.util.HashSet<>();
            for (byte[] one : h) {
                java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(one);
                if (seen.add(key)) {
                    mine.addAll(byHash.getOrDefault(key, List.of()));
                }
            }
            out.add(mine);
        }
        return out;
    }
}
