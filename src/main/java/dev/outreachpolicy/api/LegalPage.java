package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.decision.Decision;
import dev.outreachpolicy.decision.DecisionService;
import dev.outreachpolicy.fixtures.Coverage;
import dev.outreachpolicy.fixtures.ServedCoverage;
import dev.outreachpolicy.impact.ImpactService;
import dev.outreachpolicy.input.FieldError;
import dev.outreachpolicy.input.InvalidInputException;
import dev.outreachpolicy.input.JsonBody;
import dev.outreachpolicy.rules.ActiveRuleset;
import dev.outreachpolicy.rules.RuleInfo;
import dev.outreachpolicy.rules.Ruleset;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page for legal readers, rendered on the server: the rules grouped by regime with citations and dates in
 * force, fixture coverage per file, a form to try a decision (evaluated as the API would, not recorded), and the
 * newest impact report.
 */
@Path("/legal")
public class LegalPage {
    @Inject
    Template legal;

    @Inject
    ActiveRuleset active;

    @Inject
    ServedCoverage coverage;

    @Inject
    ImpactService impact;

    @Inject
    DecisionService decisions;

    @Inject
    ObjectMapper json;

    @Inject
    LegalRegisters registers;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allowed(Role.LEGAL)
    public String page() throws IOException {
        return view(example(), null, List.of());
    }

    @POST
    @Path("/try")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allowed(Role.LEGAL)
    public String tryDecision(@FormParam("request") String request) {
        try {
            Decision d = decisions.tryOut(JsonBody.parse(request));
            return view(request, d, List.of());
        } catch (InvalidInputException e) {
            return view(request, null, e.errors());
        }
    }

    private String view(String request, Decision decision, List<FieldError> errors) {
        Ruleset r = active.get();
        Map<String, List<RuleInfo>> byRegime = new LinkedHashMap<>();
        for (String code : r.policy().regimes()) {
            byRegime.put(code, new ArrayList<>());
        }
        for (RuleInfo info : r.catalogue().all()) {
            for (String code : info.regimes()) {
                byRegime.computeIfAbsent(code, k -> new ArrayList<>()).add(info);
            }
        }
        List<Map<String, Object>> regimes = new ArrayList<>();
        byRegime.forEach((code, rules) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RuleInfo info : rules) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", info.idFor(code));
                row.put("case", info.caseTitle() == null ? "" : info.caseTitle());
                row.put("citation", info.citationFor(code));
                row.put("where", info.file() + ":" + info.line());
                row.put("from", info.validFrom() == null ? "" : info.validFrom().toString());
                row.put("to", info.validTo() == null ? "open" : info.validTo().toString());
                rows.add(row);
            }
            regimes.add(Map.of("code", code, "rules", rows));
        });
        ServedCoverage.Snapshot snap = coverage.current();
        List<Map<String, Object>> files = new ArrayList<>();
        if (snap.coverage() != null) {
            Map<String, long[]> perFile = new LinkedHashMap<>();
            for (Coverage.RuleCoverage c : snap.coverage().rules()) {
                long[] n = perFile.computeIfAbsent(c.rule().file(), k -> new long[2]);
                n[1]++;
                if (c.fired() > 0) {
                    n[0]++;
                }
            }
            perFile.forEach((file, n) -> files.add(Map.of("file", file, "fired", n[0], "rules", n[1],
                "percent", String.format("%.0f", 100.0 * n[0] / n[1]))));
        }
        return legal.data("version", r.version())
            .data("loadedAt", r.loadedAt().toString())
            .data("ruleCount", r.catalogue().size())
            .data("regimes", regimes)
            .data("coverageFiles", files)
            .data("fixturesPassed", snap.passed())
            .data("fixturesFailed", snap.failed())
            .data("coverageError", snap.error())
            .data("request", request)
            .data("decision", decision == null ? null : json.convertValue(decision, Map.class))
            .data("errors", errors.stream().map(e -> Map.of("pointer", e.pointer(), "message", e.message())).toList())
            .data("impact", impact.last().map(j -> json.convertValue(j, Map.class)).orElse(null))
            .data("assessments", registers.assessments())
            .render();
    }

    private static String example() throws IOException {
        try (InputStream in = LegalPage.class.getResourceAsStream("/legal/example-request.json")) {
            return in == null ? "{}" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
