package dev.outreachpolicy.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.api.McpAccessFilter;
import dev.outreachpolicy.api.Problems;
import dev.outreachpolicy.api.Role;
import dev.outreachpolicy.api.SuppressionResource;
import dev.outreachpolicy.decision.DecisionService;
import dev.outreachpolicy.decision.WhatIfNotAllowedException;
import dev.outreachpolicy.engine.conformance.Fixture;
import dev.outreachpolicy.engine.conformance.FixtureException;
import dev.outreachpolicy.engine.conformance.FixtureLoader;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.plan.PlanService;
import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.engine.rules.RuleInfo;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.schema.ContractSchemas;
import dev.outreachpolicy.store.StoreException;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The MCP tools (Model Context Protocol, Streamable HTTP at {@code /mcp}): {@code decide}, {@code plan},
 * {@code record_opt_out} and {@code explain_rule}. Each takes the contract's JSON as its arguments, goes through the same
 * services and records as the HTTP API, needs the same least role, and reports the HTTP API's problem document as a
 * tool error.
 */
@ApplicationScoped
public class McpTools {
    private static final Logger LOG = Logger.getLogger(McpTools.class);

    static final String STOP = " A DENY or REVIEW outcome means: do NOT take the action. DENY is final until the facts change "
        + "(supply the facts named in missingFacts and ask again if any); REVIEW means a person must decide first.";

    static final String DECIDE = "Ask whether one processing step about one person is allowed under the privacy and marketing "
        + "laws that apply (GDPR, UK PECR, ePrivacy, CAN-SPAM, CASL, CCPA, WA CEMA) and the controller's block list. Call it "
        + "before every action on a person's data: collecting, enriching, storing, segmenting, scoring, personalising, "
        + "contacting (OUTREACH, with the channel), sharing or training on it. Send the decision request: step (required), "
        + "channel (required for OUTREACH), prospect.ref (required), and every fact you know; leave out what you do not know "
        + "(never guess false) and leave out asOf. The answer has outcome PERMIT, DENY or REVIEW, reasons (each a rule with "
        + "its law citation), obligations (conditions to honour when you go ahead, e.g. INCLUDE_UNSUBSCRIBE), missingFacts "
        + "(JSON pointers of facts that would change the answer), validUntil (reuse the answer until then unless facts change) "
        + "and decisionId (the recorded decision). Act only on PERMIT, and honour every obligation." + STOP;

    static final String PLAN = "For one person, the decision for every step and, for OUTREACH, every channel, in one call "
        + "(each cell is exactly what decide gives for that step and channel, and is recorded as that decision). Send the "
        + "decision request without step and channel; optionally steps[] and channels[] to limit the grid. Use it at the "
        + "start of work on a person. The answer lists cells (step, channel, outcome, reasons, obligations, missingFacts, "
        + "validUntil, decisionId) and allowed: the PERMIT cells, the only actions you may take. Ask again after the plan's "
        + "validUntil, or when any fact changes (a reply, a new consent, an opt-out)." + STOP;

    static final String OPT_OUT = "Record that a person opted out, at once: when a reply, call or message says stop, "
        + "unsubscribe, do not contact, remove me, or objects to marketing or to the sale or sharing of their data. Send "
        + "exactly one identifier (email, phone or ref; or domain for a whole company), the scope (ALL unless the person "
        + "limited it to one channel: EMAIL, SMS, PHONE, LINKEDIN, POST; SALE_SHARING for a do-not-sell request), the source "
        + "(e.g. \"reply\") and optionally at (when they opted out, not in the future). From the answer on, every decision "
        + "for that person in that scope is DENY. Stop any action in progress for that person.";

    static final String EXPLAIN = "Explain a rule named in a decision's reasons or trace: its id, the regimes (laws) it "
        + "belongs to, the citation of the provision, the dates it is in force, the rule file, and the regression fixtures "
        + "that show it firing (and at its boundary, not firing). Send the rule id exactly as a reason gives it "
        + "(e.g. uk-pecr.email.individual-needs-consent). Needs the legal role, as GET /v1/rules does.";

    @Inject
    ToolManager tools;

    @Inject
    DecisionService decisions;

    @Inject
    PlanService plans;

    @Inject
    SuppressionResource suppressions;

    @Inject
    ActiveRuleset rules;

    @Inject
    Problems problems;

    @Inject
    ObjectMapper json;

    @Inject
    CurrentVertxRequest current;

    @ConfigProperty(name = "policy.fixtures-dir", defaultValue = "fixtures")
    String fixturesDir;

    void register(@Observes StartupEvent start) {
        tools.newTool("decide").setTitle("Decide one step").setDescription(DECIDE)
            .setInputSchema(schema(ContractSchemas.decisionRequest()))
            .setHandler(a -> call(Role.AGENT, a.args(), (body, role) -> decisions.decide(body, role.atLeast(Role.LEGAL), null)))
            .register();
        tools.newTool("plan").setTitle("Plan every step and channel for one person").setDescription(PLAN)
            .setInputSchema(schema(ContractSchemas.planRequest()))
            .setHandler(a -> call(Role.AGENT, a.args(), (body, role) -> plans.plan(body, role.atLeast(Role.LEGAL), null)))
            .register();
        tools.newTool("record_opt_out").setTitle("Record an opt-out").setDescription(OPT_OUT)
            .setInputSchema(schema(ContractSchemas.suppressionRequest()))
            .setHandler(a -> call(Role.AGENT, a.args(), (body, role) -> optOut(body)))
            .register();
        ObjectNode explain = json.createObjectNode().put("type", "object").put("additionalProperties", false);
        explain.putArray("required").add("id");
        explain.putObject("properties").putObject("id").put("type", "string").put("minLength", 1)
            .put("description", "The rule id, as in a decision's reasons[].rule or trace[].rule.");
        tools.newTool("explain_rule").setTitle("Explain a rule").setDescription(EXPLAIN)
            .setInputSchema(schema(explain))
            .setHandler(a -> call(Role.LEGAL, a.args(), (body, role) -> explain(body)))
            .register();
    }

    private interface Tool {
        String run(JsonNode body, Role role);
    }

    /** Runs a tool for the caller the access filter identified, with the HTTP API's problem document as the tool error. */
    private ToolResponse call(Role least, Map<String, Object> args, Tool tool) {
        Role role = McpAccessFilter.role(current.getCurrent());
        if (role == null) {
            return error(problems.problem(401, "unauthenticated", "An API key is required", "send Authorization: Bearer <key>"));
        }
        if (!role.atLeast(least)) {
            return error(problems.forbidden("this tool needs the " + least.name().toLowerCase(Locale.ROOT) + " role; the key has the "
                + role.name().toLowerCase(Locale.ROOT) + " role"));
        }
        try {
            JsonNode body = json.readTree(new JsonObject(args == null ? Map.of() : args).encode());
            return ToolResponse.success(tool.run(body, role));
        } catch (InvalidInputException e) {
            return error(problems.invalid(e, ""));
        } catch (WhatIfNotAllowedException e) {
            return error(problems.forbidden(e.getMessage()));
        } catch (StoreException e) {
            LOG.error("store unavailable", e);
            return error(problems.problem(503, "store-unavailable", "The store is unavailable",
                e.getMessage() + "; nothing was recorded and no decision is given (fail closed)"));
        } catch (ToolProblem e) {
            return error(e.problem);
        } catch (Exception e) {
            LOG.error("unexpected error", e);
            return error(problems.problem(500, "internal-error", "Internal error",
                "The service failed to answer; nothing was recorded. The error is logged."));
        }
    }

    private static ToolResponse error(ObjectNode problem) {
        return ToolResponse.error(problem.toString());
    }

    /** A problem to answer as the tool's error. */
    private static final class ToolProblem extends RuntimeException {
        final ObjectNode problem;

        ToolProblem(ObjectNode problem) {
            super(problem.path("detail").asText(), null, false, false);
            this.problem = problem;
        }
    }

    private String optOut(JsonNode body) {
        Response r = suppressions.add(body.toString(), null);
        String entity = String.valueOf(r.getEntity());
        if (r.getStatus() >= 300) {
            try {
                throw new ToolProblem((ObjectNode) json.readTree(entity));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return entity;
    }

    private String explain(JsonNode body) {
        JsonNode id = body.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new InvalidInputException("/id", "is required: a rule id, as in a decision's reasons[].rule");
        }
        var unknown = new java.util.ArrayList<String>();
        body.fieldNames().forEachRemaining(n -> {
            if (!n.equals("id")) {
                unknown.add(n);
            }
        });
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("/" + unknown.get(0), "unknown field");
        }
        String wanted = id.asText().trim();
        Ruleset r = rules.get();
        for (RuleInfo info : r.catalogue().all()) {
            for (String code : info.regimes()) {
                if (info.idFor(code).equals(wanted)) {
                    return describe(info, code, wanted, r).toString();
                }
            }
        }
        throw new ToolProblem(problems.problem(404, "not-found", "No such rule",
            "no rule " + wanted + " in ruleset " + r.version() + "; rule ids are listed by GET /v1/rules"));
    }

    private ObjectNode describe(RuleInfo info, String code, String id, Ruleset r) {
        ObjectNode o = json.createObjectNode();
        o.put("id", id);
        ArrayNode regimes = o.putArray("regimes");
        info.regimes().forEach(regimes::add);
        o.put("citation", info.citationFor(code));
        o.put("validFrom", info.validFrom() == null ? null : info.validFrom().toString());
        o.put("validTo", info.validTo() == null ? null : info.validTo().toString());
        o.put("file", info.file());
        o.put("line", info.line());
        o.put("name", info.name());
        if (info.caseTitle() != null) {
            o.put("case", info.caseTitle());
        }
        o.put("rulesetVersion", r.version());
        ArrayNode fires = o.putArray("fixturesFiring");
        ArrayNode boundary = o.putArray("fixturesNotFiring");
        try {
            for (Fixture f : FixtureLoader.load(Path.of(fixturesDir))) {
                if (mentions(f.expect().fires(), id)) {
                    fires.addObject().put("path", f.path()).put("description", f.description()).put("outcome", f.expect().outcome());
                }
                if (mentions(f.expect().notFires(), id)) {
                    boundary.addObject().put("path", f.path()).put("description", f.description()).put("outcome", f.expect().outcome());
                }
            }
        } catch (FixtureException e) {
            o.put("fixturesError", "the fixtures folder could not be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return o;
    }

    private static boolean mentions(List<String> ids, String id) {
        return ids != null && ids.contains(id);
    }

    /**
     * A tool's input schema. Its top-level fields do not take null: the extension cannot pass a null argument on (it
     * answers an internal error), and for the service an absent field says the same as a null one.
     */
    private static JsonObject schema(ObjectNode schema) {
        ObjectNode s = schema.deepCopy();
        JsonNode props = s.get("properties");
        if (props != null) {
            props.fields().forEachRemaining(p -> {
                if (p.getValue() instanceof ObjectNode field && field.get("type") instanceof ArrayNode types) {
                    ArrayNode kept = field.putArray("type");
                    types.forEach(t -> {
                        if (!t.asText().equals("null")) {
                            kept.add(t);
                        }
                    });
                    if (kept.size() == 1) {
                        field.set("type", kept.get(0));
                    }
                    if (field.get("enum") instanceof ArrayNode values) {
                        ArrayNode e = field.putArray("enum");
                        values.forEach(v -> {
                            if (!v.isNull()) {
                                e.add(v);
                            }
                        });
                    }
                }
            });
        }
        return new JsonObject(s.toString());
    }
}
