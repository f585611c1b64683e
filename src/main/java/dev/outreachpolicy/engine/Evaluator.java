package dev.outreachpolicy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.request.RequestParser;
import dev.outreachpolicy.engine.resolution.FactResolver;
import dev.outreachpolicy.engine.resolution.ResolvedFacts;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.screening.CallRegisters;
import dev.outreachpolicy.engine.suppression.InMemorySuppressionList;
import dev.outreachpolicy.engine.verdict.Evaluation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The one evaluation pipeline: a request read strictly ({@link #parse}), its facts resolved against the lookups the
 * evaluator was given ({@link #resolve}), the rules run ({@link #evaluate}). The service, the warm-up of a new
 * ruleset, the fixture runner, the impact replay and the benchmarks all go through it; only the lookups differ (the
 * store's suppression list and registers, or in-memory ones).
 */
public final class Evaluator {
    private final FactResolver resolver;

    /** @param resolver the lookups: suppression list, TPS/CTPS registers, registered assessments and consents */
    public Evaluator(FactResolver resolver) {
        this.resolver = resolver;
    }

    /** An evaluator whose lookups are empty: nobody suppressed, no register imported, nothing registered. */
    public static Evaluator withEmptyLookups() {
        return new Evaluator(new FactResolver(new InMemorySuppressionList(), CallRegisters.NONE));
    }

    /**
     * Reads a request strictly, as the contract says.
     * @param now the instant that stands for {@code asOf} when the request gives none
     * @throws dev.outreachpolicy.engine.input.InvalidInputException naming every offending field
     */
    public DecisionRequest parse(JsonNode body, Instant now) {
        return RequestParser.parse(body, now);
    }

    /**
     * Resolves a parsed request's facts for the given ruleset's policy data.
     * @param preRead the suppression-list entries naming the person, read once by the caller for several requests
     *     (a batch, a stream chunk, a plan); null to read them here
     */
    public ResolvedFacts resolve(DecisionRequest request, Ruleset ruleset, List<Suppressed> preRead) {
        return resolver.resolve(request, ruleset.policy(), preRead);
    }

    /** Runs the rules over resolved facts. */
    public Evaluation evaluate(ResolvedFacts facts, Ruleset ruleset) {
        return ruleset.evaluate(facts.asOf(), facts.forRules());
    }

    /** Runs the rules with some policy settings overridden (a fixture trying another window). */
    public Evaluation evaluate(ResolvedFacts facts, Ruleset ruleset, Map<String, String> policyOverrides) {
        return ruleset.evaluate(facts.asOf(), facts.forRules(), policyOverrides);
    }

    /** The whole pipeline for one request: parse, resolve, evaluate. */
    public Evaluation evaluate(JsonNode body, Instant now, Ruleset ruleset) {
        return evaluate(resolve(parse(body, now), ruleset, null), ruleset);
    }
}
