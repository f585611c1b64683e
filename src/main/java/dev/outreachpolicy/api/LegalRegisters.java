package dev.outreachpolicy.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.engine.assessment.AssessmentVersion;
import dev.outreachpolicy.audit.RecordReader;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registers on the legal page: the assessments with their versions, review dates and how many decisions relied on
 * each (the section {@code templates/legal-registers.html}), and {@code GET /legal/decision?id=} which shows the
 * assessment version or consent receipt one decision relied on.
 */
@Path("/legal/decision")
@ApplicationScoped
public class LegalRegisters {
    @Inject
    AssessmentStore assessments;

    @Inject
    RecordReader records;

    @Inject
    @io.quarkus.qute.Location("legal-decision.html")
    Template legalDecision;

    /** The rows of the section: each assessment with its versions, newest last. */
    public List<Map<String, Object>> assessments() {
        Map<String, Long> relied = assessments.decisionsRelying();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> out = new ArrayList<>();
        assessments.all().forEach((id, versions) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (AssessmentVersion v : versions) {
                Map<String, Object> row = new LinkedHashMap<>();
                LocalDate due = v.draft().reviewDueAt();
                row.put("version", v.version());
                row.put("current", v.version() == versions.size());
                row.put("assessedAt", v.draft().assessedAt().toString());
                row.put("reviewDueAt", due == null ? "—" : due.toString());
                row.put("overdue", due != null && due.isBefore(today));
                row.put("decisions", relied.getOrDefault(id + "#" + v.version(), 0L));
                rows.add(row);
            }
            out.add(Map.of("id", id, "title", versions.get(versions.size() - 1).draft().title(), "versions", rows));
        });
        return out;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Allowed(Role.LEGAL)
    public String decision(@QueryParam("id") String id) {
        String shown = id == null ? "" : id.trim();
        var record = shown.isEmpty() ? java.util.Optional.<com.fasterxml.jackson.databind.node.ObjectNode>empty() : records.get(shown);
        var t = legalDecision.data("id", shown).data("found", record.isPresent());
        if (record.isEmpty()) {
            return t.render();
        }
        JsonNode resolved = record.get().path("facts").path("resolved");
        JsonNode a = resolved.path("assessment");
        JsonNode r = resolved.path("consentReceipt");
        return t.data("outcome", record.get().path("outcome").asText())
            .data("asOf", record.get().path("asOf").asText())
            .data("assessment", a.hasNonNull("id") ? a.get("id").asText() : null)
            .data("assessmentVersion", a.hasNonNull("version") ? a.get("version").asText() : null)
            .data("receipt", r.hasNonNull("id") ? r.get("id").asText() : null)
            .data("unreadable", r.path("unreadable").asBoolean(false))
            .render();
    }
}
