package dev.outreachpolicy.plan;

import dev.outreachpolicy.store.RecordIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.audit.DecisionRecords;
import dev.outreachpolicy.idempotency.IdempotencyKey;
import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.decision.DecisionService;
import dev.outreachpolicy.engine.verdict.Outcome;
import dev.outreachpolicy.engine.request.RequestParser;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.facts.Vocabulary;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.serving.HeldRuleset;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/plans}: for one prospect, the decision for every step and, for OUTREACH, every channel (or the
 * subset asked for). Each cell is evaluated by {@link DecisionService} exactly as a single decision, on one ruleset
 * and one read of the suppression list shared by every cell, and all cells are recorded in one transaction.
 */
@ApplicationScoped
public class PlanService {
    private final DecisionService decisions;
    private final DecisionRecords records;
    private final ObjectMapper json;

    @Inject
    public PlanService(DecisionService decisions, DecisionRecords records, ObjectMapper json) {
        this.decisions = decisions;
        this.records = records;
        this.json = json;
    }

    /** One step of the grid, with its channel for OUTREACH (else null). */
    public record Cell(String step, String channel) { }

    /**
     * The plan, as the JSON answer.
     * @param whatIfAllowed whether the caller may ask about an asOf more than 24 hours away
     * @param idem the idempotency key's slot, or null
     */
    public String plan(JsonNode body, boolean whatIfAllowed, IdempotencyKey idem) {
        List<Cell> grid = grid(body);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ObjectNode> cellBodies = new ArrayList<>();
        for (Cell c : grid) {
            cellBodies.add(cellBody((ObjectNode) body, c));
        }
        // The request is validated once: any bad field is a 400 for the whole plan, named as in a decision request.
        var first = RequestParser.parse(cellBodies.get(0), now);
        List<Suppressed> hits = decisions.suppressionHits(first);
        List<DecisionRecords.Entry> entries = new ArrayList<>();
        String version;
        try (HeldRuleset held = decisions.holdRuleset()) {
            Ruleset ruleset = held.ruleset();
            for (ObjectNode cellBody : cellBodies) {
                entries.add(decisions.evaluate(cellBody, now, whatIfAllowed, ruleset, hits));
            }
            version = ruleset.version();
        }
        String answer = answer(grid, entries, first.prospect().getRef(), version, now).toString();
        return records.append(entries, idem, answer).orElse(answer);
    }

    private ObjectNode answer(List<Cell> grid, List<DecisionRecords.Entry> entries, String ref, String version, Instant now) {
        ObjectNode out = json.createObjectNode();
        out.put("planId", RecordIds.next(RecordIds.PLAN, now));
        out.put("prospectRef", ref);
        out.put("rulesetVersion", version);
        Decision any = entries.get(0).decision();
        out.put("asOf", any.asOf().toString());
        out.put("evaluatedAt", any.evaluatedAt().toString());
        Set<String> regimes = new LinkedHashSet<>();
        ArrayNode cells = json.createArrayNode();
        ArrayNode allowed = json.createArrayNode();
        LocalDate validUntil = null;
        for (int i = 0; i < grid.size(); i++) {
            Cell c = grid.get(i);
            Decision d = entries.get(i).decision();
            regimes.addAll(d.regimes());
            ObjectNode cell = json.createObjectNode();
            cell.put("step", c.step());
            cell.put("channel", c.channel());
            cell.setAll((ObjectNode) json.valueToTree(d));
            cells.add(cell);
            if (d.outcome() == Outcome.PERMIT) {
                ObjectNode a = allowed.addObject().put("step", c.step());
                if (c.channel() != null) {
                    a.put("channel", c.channel());
                }
            }
            if (d.validUntil() != null && (validUntil == null || d.validUntil().isBefore(validUntil))) {
                validUntil = d.validUntil();
            }
        }
        regimes.forEach(out.putArray("regimes")::add);
        out.set("cells", cells);
        out.set("allowed", allowed);
        out.put("validUntil", validUntil == null ? null : validUntil.toString());
        return out;
    }

    /** The cells asked for, in the contract's order of steps and channels; a 400 for anything not in the vocabulary. */
    static List<Cell> grid(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("/", "the request body must be a JSON object: a decision request without step and channel");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String f : List.of("step", "channel")) {
            if (body.has(f)) {
                errors.add(new FieldError("/" + f, "is not part of a plan: limit the grid with " + f + "s[]"));
            }
        }
        Set<String> steps = list(body, "steps", Vocabulary.STEPS, errors);
        Set<String> channels = list(body, "channels", Vocabulary.CHANNELS, errors);
        if (body.has("channels") && !steps.contains("OUTREACH")) {
            errors.add(new FieldError("/channels", "limits the OUTREACH cells, but steps[] leaves OUTREACH out"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<Cell> grid = new ArrayList<>();
        for (String step : steps) {
            if (step.equals("OUTREACH")) {
                channels.forEach(ch -> grid.add(new Cell(step, ch)));
            } else {
                grid.add(new Cell(step, null));
            }
        }
        return grid;
    }

    /** The values of an optional enum list, deduplicated in the vocabulary's order; absent means all of them. */
    private static Set<String> list(JsonNode body, String name, Set<String> vocabulary, List<FieldError> errors) {
        JsonNode node = body.get(name);
        if (node == null) {
            return vocabulary;
        }
        if (!node.isArray() || node.isEmpty()) {
            errors.add(new FieldError("/" + name, "must be a non-empty array of: " + String.join(", ", vocabulary)));
            return Set.of();
        }
        Set<String> asked = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual() || !vocabulary.contains(v.asText())) {
                errors.add(new FieldError("/" + name + "/" + i, "must be one of: " + String.join(", ", vocabulary)));
            } else {
                asked.add(v.asText());
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        vocabulary.stream().filter(asked::contains).forEach(ordered::add);
        return ordered;
    }

    private static ObjectNode cellBody(ObjectNode body, Cell cell) {
        ObjectNode b = body.deepCopy();
        b.remove("steps");
        b.remove("channels");
        b.put("step", cell.step());
        if (cell.channel() != null) {
            b.put("channel", cell.channel());
        }
        return b;
    }
}
