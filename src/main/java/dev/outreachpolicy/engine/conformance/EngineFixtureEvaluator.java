package dev.outreachpolicy.engine.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.Evaluator;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.engine.assessment.InMemoryAssessments;
import dev.outreachpolicy.engine.consent.ConsentRegister;
import dev.outreachpolicy.engine.contact.PhoneNumbers;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.engine.verdict.Evaluation;
import dev.outreachpolicy.engine.resolution.FactResolver;
import dev.outreachpolicy.engine.resolution.RegisteredBasisResolver;
import dev.outreachpolicy.engine.screening.InMemoryCallRegisters;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.suppression.InMemorySuppressionList;
import dev.outreachpolicy.engine.suppression.SuppressionRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Runs a fixture through the engine in-process, with no server and no database: the fixture's suppressions are
 * read as the API reads them and held in memory with its registers and assessments, matched as the store matches them.
 */
public final class EngineFixtureEvaluator implements FixtureEvaluator {
    private final Ruleset ruleset;

    public EngineFixtureEvaluator(Ruleset ruleset) { this.ruleset = ruleset; }

    @Override
    public Evaluation evaluate(Fixture f) {
        InMemorySuppressionList suppressions = new InMemorySuppressionList();
        for (JsonNode s : f.suppressions()) {
            suppressions.add(SuppressionRequest.parse(s, Instant.now()));
        }
        InMemoryCallRegisters registers = new InMemoryCallRegisters();
        for (JsonNode r : f.registers()) {
            Set<String> numbers = new HashSet<>();
            r.path("numbers").forEach(n -> PhoneNumbers.parse(n.asText(), "GB").ifPresent(p -> numbers.add(p.e164())));
            registers.load(r.path("register").asText(), LocalDate.parse(r.path("date").asText()), numbers);
        }
        InMemoryAssessments assessments = new InMemoryAssessments();
        Map<String, String> ids = new HashMap<>();
        for (JsonNode a : f.assessments()) {
            String id = "asm_" + a.path("name").asText();
            ids.put(a.path("name").asText(), id);
            a.path("versions").forEach(v -> assessments.add(id, AssessmentDraft.parse(v)));
        }
        Evaluator evaluator = new Evaluator(new FactResolver(suppressions, registers,
            new RegisteredBasisResolver(assessments, ConsentRegister.NONE)));
        DecisionRequest request = evaluator.parse(f.requestWithIds(ids), Instant.now());
        return evaluator.evaluate(evaluator.resolve(request, ruleset, null), ruleset, f.policy());
    }
}
