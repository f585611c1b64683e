package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.audit.DecisionReviews;
import dev.outreachpolicy.audit.RecordReader;
import dev.outreachpolicy.engine.verdict.Decision;
import dev.outreachpolicy.decision.DecisionService;
import dev.outreachpolicy.engine.conformance.Coverage;
import dev.outreachpolicy.serving.ServedCoverage;
import dev.outreachpolicy.impact.ImpactService;
import dev.outreachpolicy.engine.input.FieldError;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.input.JsonBody;
import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.engine.rules.RuleInfo;
import dev.outreachpolicy.engine.rules.Ruleset;
import io.quarkus.qute.Template;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page for legal readers, rendered on the server: the rules grouped by regime with citations and dates in
 * force, fixture coverage per file, a form to try a decision (evaluated as the API would, not recorded), the
 * newest impact report, the REVIEW decisions waiting for a verdict (each with a form to resolve it), and the
 * ruleset history with any version compared file by file with the one serving. With keys set a browser signs
 * in first ({@link LegalSignIn}); every form carries the session's CSRF token.
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
    RecordReader records;

    @Inject
    DecisionReviews reviews;

    @Inject
    BrowserSessions sessions;

    @Inject
    SignedIn signedIn;

    @Inject
    Caller caller;

    @Inject
    HttpHeaders headers;

    @Inject
    LegalRegisters registers;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allowed(Role.LEGAL)
    public Response page(@QueryParam("compare") String compare, @QueryParam("reviewed") String reviewed) throws IOException {
        if (signedIn.session().isEmpty() && headers.getHeaderString("Authorization") == null) {
            // Loopback mode (no keys): no sign-in, but the forms still need a session's CSRF token.
            String id = sessions.open(caller.role(), caller.name(), caller.keyId());
            signedIn.set(sessions.find(id).orElseThrow());
            return Response.ok(view(example(), null, List.of(), compare, reviewed, null)).cookie(sessions.cookie(id)).build();
        }
        return Response.ok(view(example(), null, List.of(), compare, reviewed, null)).build();
    }

    @POST
    @Path("/try")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allowed(Role.LEGAL)
    public Response tryDecision(@FormParam("request") String request, @FormParam("csrf") String csrf) {
        if (!formTokenOk(csrf)) {
            return refused();
        }
        try {
            Decision d = decisions.tryOut(JsonBody.parse(request));
            return Response.ok(view(request, d, List.of(), null, null, null)).build();
        } catch (InvalidInputException e) {
            return Response.ok(view(request, null, e.errors(), null, null, null)).build();
        }
    }

    /**
     * A verdict on a queued REVIEW, from the queue's form: recorded as {@code POST /v1/decisions/{id}/review} records
     * it, with the signed-in caller as the reviewer. Then back to the page (the decision has left the queue).
     */
    @POST
    @Path("/reviews/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Allowed(Role.LEGAL)
    public Response review(@PathParam("id") String id, @FormParam("verdict") String verdict, @FormParam("rationale") String rationale,
                           @FormParam("csrf") String csrf) throws IOException {
        if (!formTokenOk(csrf)) {
            return refused();
        }
        String problem = null;
        if (!"PERMIT".equals(verdict) && !"DENY".equals(verdict)) {
            problem = "choose a verdict: PERMIT or DENY";
        } else if (rationale == null || rationale.isBlank()) {
            problem = "write the rationale: it is kept with the verdict";
        } else {
            var record = records.get(id);
            if (record.isEmpty()) {
                problem = "there is no decision " + id;
            } else if (!"REVIEW".equals(record.get().path("outcome").asText())) {
                problem = "decision " + id + " is " + record.get().path("outcome").asText() + ", not REVIEW: only a REVIEW takes a verdict";
            }
        }
        if (problem != null) {
            return Response.status(400).entity(view(example(), null, List.of(), null, null, Map.of("id", id, "message", problem))).build();
        }
        reviews.review(id, caller.name(), verdict, rationale.trim());
        return Response.seeOther(URI.create("/legal?reviewed=" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8) + "#queue")).build();
    }

    /**
     * A form's CSRF token must be the session's own. A request that carries an Authorization header instead of the
     * cookie (a script with a key) has no ambient credential to abuse, so it needs no token.
     */
    private boolean formTokenOk(String csrf) {
        return signedIn.session().map(s -> BrowserSessions.csrfMatches(s, csrf))
            .orElse(headers.getHeaderString("Authorization") != null);
    }

    private Response refused() {
        return Response.status(403).type(MediaType.TEXT_PLAIN)
            .entity("This form is out of date or was not sent from the legal page (its CSRF token does not match): open /legal again.")
            .build();
    }

    private String view(String request, Decision decision, List<FieldError> errors) {
        return view(request, decision, errors, null, null, null);
    }

    private String view(String request, Decision decision, List<FieldError> errors, String compare, String reviewed,
                        Map<String, String> reviewError) {
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
            .data("csrf", signedIn.session().map(BrowserSessions.Session::csrf).orElse(""))
            .data("signedInAs", signedIn.session().map(BrowserSessions.Session::name).orElse(null))
            .data("queue", records.awaitingReview(50).stream().map(this::queued).toList())
            .data("reviewed", reviewed)
            .data("reviewError", reviewError)
            .data("history", active.history(20))
            .data("compared", compare == null ? null : active.compareWithCurrent(compare).map(v -> {
                Map<String, Object> found = new LinkedHashMap<>(v);
                found.put("missing", false);
                return found;
            }).orElse(Map.of("version", compare, "missing", true)))
            .data("assessments", registers.assessments())
            .render();
    }

    /** One queued REVIEW as the page shows it: id, when, the reasons, and the masked facts as indented JSON. */
    private Map<String, Object> queued(com.fasterxml.jackson.databind.node.ObjectNode record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", record.path("decisionId").asText(record.path("id").asText()));
        row.put("evaluatedAt", record.path("evaluatedAt").asText());
        row.put("step", record.path("step").asText());
        row.put("reasons", json.convertValue(record.path("reasons"), List.class));
        try {
            row.put("facts", json.writerWithDefaultPrettyPrinter().writeValueAsString(record.path("facts")));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            row.put("facts", record.path("facts").toString());
        }
        return row;
    }

    private static String example() throws IOException {
        try (InputStream in = LegalPage.class.getResourceAsStream("/legal/example-request.json")) {
            return in == null ? "{}" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
