package dev.outreachpolicy.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.consents.ConsentStore;
import dev.outreachpolicy.audit.RecordedFacts;
import dev.outreachpolicy.facts.AsOf;
import dev.outreachpolicy.facts.Suppressed;
import dev.outreachpolicy.input.InvalidInputException;
import dev.outreachpolicy.metrics.DecisionMetrics;
import dev.outreachpolicy.registers.RegisterStore;
import dev.outreachpolicy.rules.ActiveRuleset;
import dev.outreachpolicy.rules.Ruleset;
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
    private final RegisterStore registers;
    private final DecisionRecords records;
    private final ObjectMapper json;
    private final Timer timer;
    @Inject
    DecisionMetrics decisionMetrics;
    @Inject
    AssessmentStore assessments;
    @Inject
    ConsentStore consents;

    @Inject
    public DecisionService(ActiveRuleset rules, SuppressionStore suppressions, RegisterStore registers, DecisionRecords records,
                           ObjectMapper json, MeterRegistry metrics) {
        this.rules = rules;
        this.suppressions = suppressions;
        this.registers = registers;
        this.records = records;
        this.json = json;
        this.timer = Timer.builder("policy.decisions.evaluation").description("Rule evaluation of one decision")
            .publishPercentiles(0.5, 0.99).register(metrics);
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
        ObjectNode out = json.createObjectNode();
        ArrayNode answers = out.putArray("items");
        for (int i = 0; i < items.size(); i++) {
            try {
                DecisionRecords.Entry e = evaluate(items.get(i), now, whatIfAllowed);
                entries.add(e);
                answers.add(json.readTree(e.responseJson()));
            } catch (InvalidInputException e) {
                answers.add(problems.invalid(e, "/items/" + i));
            } catch (WhatIfNotAllowedException e) {
                answers.add(problems.forbidden(e.getMessage()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        String batch = out.toString();
        var earlier = records.append(entries, idem, batch);
        decisionMetrics.recorded(earlier.isEmpty() ? entries : List.of());
        return earlier.orElse(batch);
    }

    /** A decision evaluated exactly as {@link #decide} would, but not recorded: the legal page's "try a decision". */
    public Decision tryOut(JsonNode body) {
        return evaluate(body, Instant.now().truncatedTo(ChronoUnit.MILLIS), true).decision();
    }

    private DecisionRecords.Entry evaluate(JsonNode body, Instant now, boolean whatIfAllowed) {
        return evaluate(body, now, whatIfAllowed, rules.get(), null);
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
        DecisionRequest request = RequestParser.parse(body, now);
        if (request.asOfStated() && !whatIfAllowed && WhatIfNotAllowedException.isWhatIf(request.asOf(), now, WHAT_IF)) {
            throw new WhatIfNotAllowedException(request.asOf().isBefore(now));
        }
        long t0 = System.nanoTime();
        FactResolver resolver = new FactResolver(suppressions, registers, new RegisteredBasisResolver(assessments, consents));
        List<Object> facts = resolver.resolve(request, ruleset.policy(), preRead);
        Evaluation evaluation = ruleset.evaluate(new AsOf(request.asOf()), facts);
        timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        Decision decision = Decision.of(DecisionIds.next(now), evaluation, request.asOf(), now);
        dev.outreachpolicy.logging.DecisionLogContext.enter(decision.decisionId());
        List<Suppressed> hits = facts.stream().filter(f -> f instanceof Suppressed).map(f -> (Suppressed) f).toList();
        ObjectNode complete = RecordedFacts.complete(request, hits);
        try {
            return new DecisionRecords.Entry(decision, request, complete, RecordedFacts.masked(complete, request),
                json.writeValueAsString(decision));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
