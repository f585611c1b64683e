package dev.outreachpolicy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.audit.RecordReader;
import dev.outreachpolicy.audit.SubjectKeys;
import dev.outreachpolicy.impact.AssessmentDraftImpact;
import dev.outreachpolicy.impact.ImpactReport;
import dev.outreachpolicy.impact.ImpactRunner;
import dev.outreachpolicy.engine.input.Fields;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.engine.rules.RuleError;
import dev.outreachpolicy.engine.rules.Ruleset;
import dev.outreachpolicy.engine.rules.RulesetCompiler;
import dev.outreachpolicy.engine.rules.RulesetException;
import dev.outreachpolicy.store.StoreKeys;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code impact}: replays the recorded decisions of a window through a candidate rules folder, or through the rules
 * folder with a draft version of an assessment, and prints the plan.
 */
final class ImpactCommand {
    private final PrintStream out;
    private final PrintStream err;

    ImpactCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Path candidate, String fromText, String toText, Path jsonOut) {
        return withRecords(fromText, toText, jsonOut, (records, ds, json, from, to) ->
            ImpactRunner.run(records, candidate, candidate.toString(), from, to));
    }

    /** The recorded decisions naming {@code assessmentId} that the draft version in {@code draftFile} would change. */
    int runDraft(Path rulesDir, String assessmentId, Path draftFile, String fromText, String toText, Path jsonOut) {
        return withRecords(fromText, toText, jsonOut, (records, ds, json, from, to) -> {
            AssessmentDraft draft;
            try {
                draft = AssessmentDraft.parse(json.readTree(Files.readString(draftFile)));
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(draftFile + ": " + e.errors().stream()
                    .map(x -> x.pointer() + " " + x.message()).collect(java.util.stream.Collectors.joining("; ")));
            }
            int versions = new AssessmentStore(ds, json).versions(assessmentId).size();
            if (versions == 0) {
                throw new IllegalArgumentException("no assessment " + assessmentId + " in the register");
            }
            try (Ruleset serving = new RulesetCompiler(2).compile(rulesDir)) {
                return AssessmentDraftImpact.run(records, serving, assessmentId, versions + 1, draft, from, to);
            }
        });
    }

    private interface Replay {
        ImpactReport run(RecordReader records, PGSimpleDataSource ds, ObjectMapper json, Instant from, Instant to) throws Exception;
    }

    private int withRecords(String fromText, String toText, Path jsonOut, Replay replay) {
        Instant to = toText == null ? Instant.now().plusSeconds(1) : Fields.parseInstant(toText);
        Instant from = fromText == null ? to.minus(Duration.ofDays(30)) : Fields.parseInstant(fromText);
        try (CommandStore store = CommandStore.open()) {
            PGSimpleDataSource ds = store.dataSource();
            StoreKeys keys = new StoreKeys(Optional.ofNullable(System.getenv("POLICY_SUPPRESSION_KEY")).filter(s -> !s.isBlank()),
                Optional.ofNullable(System.getenv("POLICY_SUPPRESSION_KEY_ID")).filter(s -> !s.isBlank()), store.dataDir(), store.embedded());
            ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            RecordReader records = new RecordReader(ds, new SubjectKeys(ds, keys), json);
            ImpactReport report = replay.run(records, ds, json, from, to);
            print(report);
            if (jsonOut != null) {
                Files.writeString(jsonOut, json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                out.println("report written to " + jsonOut);
            }
            return report.changes().isEmpty() ? 0 : 3;
        } catch (RulesetException e) {
            for (RuleError error : e.errors()) {
                err.println(error);
            }
            return 2;
        } catch (Exception e) {
            err.println("impact: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Asks a running service for the impact ({@code POST /v1/impact}): the service reads its own records with its own
     * keys, so nothing is copied to the machine that runs the command but a legal key.
     */
    int remote(String url, String apiKey, String revision, String candidate, String fromText, String toText, Path jsonOut) {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        var body = json.createObjectNode();
        if (revision != null) {
            body.put("revision", revision);
        } else {
            body.put("candidate", candidate);
        }
        try {
            if (fromText != null) {
                body.put("from", Fields.parseInstant(fromText).toString());
            }
            if (toText != null) {
                body.put("to", Fields.parseInstant(toText).toString());
            }
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url.replaceAll("/+$", "") + "/v1/impact"))
                .timeout(Duration.ofMinutes(10)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString()));
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey.trim());
            }
            var response = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var answer = json.readTree(response.body());
            if (response.statusCode() == 422 && answer.has("errors")) {
                answer.path("errors").forEach(e -> err.println(e.path("file").asText() + ":" + e.path("line").asInt() + ":"
                    + e.path("column").asInt() + ": " + e.path("message").asText()));
                return 2;
            }
            if (response.statusCode() != 200) {
                err.println("impact: the service answered " + response.statusCode() + ": " + answer.path("detail").asText(response.body()));
                return 1;
            }
            ImpactReport report = json.treeToValue(answer, ImpactReport.class);
            print(report);
            if (jsonOut != null) {
                Files.writeString(jsonOut, json.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
                out.println("report written to " + jsonOut);
            }
            return report.changes().isEmpty() ? 0 : 3;
        } catch (java.net.ConnectException e) {
            err.println("impact: no service answers at " + url);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            err.println("impact: " + e.getMessage());
            return 1;
        }
    }

    private void print(ImpactReport r) {
        out.printf("impact of %s (%s) on decisions from %s to %s%n", r.candidate(), r.candidateVersion(), r.from(), r.to());
        out.printf("  %d examined, %d replayed, %d not replayable (person erased), %d failed, %d would change%n",
            r.examined(), r.replayed(), r.notReplayable(), r.failed(), r.changes().size());
        for (ImpactReport.Change c : r.changes()) {
            out.printf("  ~ %s  %s -> %s%n", c.decisionId(), c.before().outcome(), c.after().outcome());
            c.reasonsAdded().forEach(x -> out.println("      + reason " + x));
            c.reasonsRemoved().forEach(x -> out.println("      - reason " + x));
            c.obligationsAdded().forEach(x -> out.println("      + obligation " + x));
            c.obligationsRemoved().forEach(x -> out.println("      - obligation " + x));
        }
        for (Map.Entry<String, Integer> e : r.byRule().entrySet()) {
            out.printf("  rule %-60s %d decision(s)%n", e.getKey(), e.getValue());
        }
        for (Map.Entry<String, Integer> e : r.byRegime().entrySet()) {
            out.printf("  regime %-58s %d decision(s)%n", e.getKey(), e.getValue());
        }
    }
}
