package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.engine.rules.ObligationCatalogue;
import dev.outreachpolicy.engine.rules.RuleInfo;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /v1/rules}, {@code /v1/obligations} and {@code /v1/rulesets}: what the serving ruleset holds, its history, and reload. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class RulesResource {
    @Inject
    ActiveRuleset active;

    @Inject
    Problems problems;

    @Inject
    dev.outreachpolicy.serving.ReloadGate reloadGate;

    @Inject
    ObjectMapper json;

    /**
     * Every rule, once for each regime it serves (a rule written once for EU and UK GDPR is listed as
     * {@code eu-gdpr.…} and {@code uk-gdpr.…}, the ids its reasons carry), with citation, file, line and dates.
     */
    @GET
    @Path("/rules")
    @Allowed(Role.LEGAL)
    public Response rules(@QueryParam("regime") String regime) {
        Ruleset r = active.get();
        ObjectNode out = json.createObjectNode();
        out.put("rulesetVersion", r.version());
        ArrayNode list = out.putArray("rules");
        for (RuleInfo info : r.catalogue().all()) {
            for (String code : info.regimes()) {
                if (regime != null && !regime.equals(code)) {
                    continue;
                }
                ObjectNode o = list.addObject();
                o.put("id", info.idFor(code));
                o.putArray("regimes").add(code);
                o.put("citation", info.citationFor(code));
                o.put("file", info.file());
                o.put("validFrom", info.validFrom() == null ? null : info.validFrom().toString());
                o.put("validTo", info.validTo() == null ? null : info.validTo().toString());
                o.put("name", info.name());
                if (info.caseTitle() != null) {
                    o.put("case", info.caseTitle());
                }
                o.put("line", info.line());
            }
        }
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    /**
     * The obligation catalogue of the serving ruleset: each duty's code, citation and one wording, with a regime's own
     * wording and the wordings in force from a date where the law differs.
     */
    @GET
    @Path("/obligations")
    @Allowed(Role.LEGAL)
    public Response obligations() {
        Ruleset r = active.get();
        ObjectNode out = json.createObjectNode();
        out.put("rulesetVersion", r.version());
        ArrayNode list = out.putArray("obligations");
        for (ObligationCatalogue.Entry e : r.policy().obligations().entries()) {
            ObjectNode o = list.addObject();
            o.put("code", e.code());
            o.put("citation", e.citation());
            o.put("wording", e.wording());
            ObjectNode regimes = o.putObject("regimes");
            e.byRegime().forEach((regime, dated) -> {
                ArrayNode versions = regimes.putArray(regime);
                dated.forEach(d -> versions.addObject().put("from", d.from() == null ? null : d.from().toString()).put("wording", d.wording()));
            });
        }
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/rulesets/current")
    @Allowed(Role.LEGAL)
    public Response current() { return Response.ok(describe(active.get()).toString(), MediaType.APPLICATION_JSON).build(); }

    @GET
    @Path("/rulesets")
    @Allowed(Role.LEGAL)
    public Response history(@QueryParam("limit") String limit) {
        java.util.List<dev.outreachpolicy.engine.input.FieldError> errors = new java.util.ArrayList<>();
        int n = QueryParams.limit("limit", limit, 100, 1000, errors);
        if (!errors.isEmpty()) {
            throw new dev.outreachpolicy.engine.input.InvalidInputException(errors);
        }
        ObjectNode out = json.createObjectNode();
        out.set("items", json.valueToTree(active.history(n)));
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    /** A version loaded at some time (a decision's {@code rulesetVersion}), with its files compared with today's. */
    @GET
    @Path("/rulesets/{version}")
    @Allowed(Role.LEGAL)
    public Response version(@jakarta.ws.rs.PathParam("version") String version) throws Exception {
        return active.compareWithCurrent(version).map(v -> {
            try {
                return Response.ok(json.writeValueAsString(v), MediaType.APPLICATION_JSON).build();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).orElseGet(() -> problems.notFound("No such ruleset version",
            "version " + version + " was never loaded by this service"));
    }

    @POST
    @Path("/rulesets/reload")
    @Allowed(Role.LEGAL)
    public Response reload() {
        if (!reloadGate.tryEnter()) {
            return jakarta.ws.rs.core.Response.fromResponse(problems.response(problems.problem(409, "reload-in-progress",
                "A reload is running", "another reload of the rules folder is running; ask again when it has answered")))
                .header("Retry-After", "5").build();
        }
        String before = active.get().version();
        try {
            Ruleset r = active.reload();
            ObjectNode out = describe(r);
            out.put("changed", !r.version().equals(before));
            out.put("previousVersion", before);
            return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
        } catch (RulesetException e) {
            ObjectNode p = problems.rulesInvalid(e.errors());
            p.put("servingVersion", active.get().version());
            return problems.response(p);
        } finally {
            reloadGate.leave();
        }
    }

    private ObjectNode describe(Ruleset r) {
        ObjectNode out = json.createObjectNode();
        out.put("version", r.version());
        out.put("loadedAt", r.loadedAt().toString());
        out.put("rules", r.catalogue().size());
        ArrayNode files = out.putArray("files");
        r.source().files().forEach(f -> files.add(r.source().shown(f.path())));
        return out;
    }
}
