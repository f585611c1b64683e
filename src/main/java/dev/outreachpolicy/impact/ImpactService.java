package dev.outreachpolicy.impact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outreachpolicy.engine.assessment.AssessmentDraft;
import dev.outreachpolicy.assessments.AssessmentStore;
import dev.outreachpolicy.engine.assessment.AssessmentVersion;
import dev.outreachpolicy.audit.RecordReader;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.serving.ActiveRuleset;
import dev.outreachpolicy.serving.HeldRuleset;
import dev.outreachpolicy.engine.rules.RulesetException;
import dev.outreachpolicy.store.StoreException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Impact reports for legal teams: a candidate is the rules folder as it now is on disk (before a reload), or a
 * named folder under {@code POLICY_CANDIDATES_DIR} (a checked-out branch, say). Only those folders can be named,
 * so the endpoint never compiles code from an arbitrary path. Each report is kept; the newest is on the legal page.
 */
@ApplicationScoped
public class ImpactService {
    private final ActiveRuleset active;
    private final RecordReader records;
    private final DataSource db;
    private final ObjectMapper json;
    private final Path candidates;
    @Inject
    AssessmentStore assessments;

    @Inject
    public ImpactService(ActiveRuleset active, RecordReader records, DataSource db, ObjectMapper json,
                         @ConfigProperty(name = "policy.candidates-dir", defaultValue = "candidates") String candidates) {
        this.active = active;
        this.records = records;
        this.db = db;
        this.json = json;
        this.candidates = Path.of(candidates);
    }

    public ImpactReport run(String candidate, Instant from, Instant to) throws RulesetException {
        Path folder;
        String name;
        if (candidate == null || candidate.isBlank()) {
            folder = active.folder();
            name = "rules folder on disk";
        } else {
            if (!candidate.matches("[A-Za-z0-9._-]+") || candidate.startsWith(".")) {
                throw new InvalidInputException("/candidate", "must name a folder under the candidates folder (letters, digits, . _ -)");
            }
            folder = candidates.resolve(candidate);
            if (!Files.isDirectory(folder)) {
                throw new InvalidInputException("/candidate", "no candidate folder " + candidate + " under " + candidates);
            }
            name = candidate;
        }
        ImpactReport report = ImpactRunner.run(records, folder, name, from, to);
        save(report);
        return report;
    }

    /**
     * Impact of the rules as they are at a git revision of the rules repository (the branch of a pull request):
     * the folder is taken with {@code git archive}, replayed against, then deleted.
     */
    public ImpactReport runRevision(String revision, Instant from, Instant to) throws RulesetException, java.io.IOException {
        Path folder = Files.createTempDirectory("impact-revision");
        try {
            String commit = GitRevision.extract(active.folder(), revision, folder);
            ImpactReport report = ImpactRunner.run(records, folder, "revision " + revision + " (" + commit.substring(0, 12) + ")", from, to);
            save(report);
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.IOException("interrupted while reading revision " + revision, e);
        } finally {
            GitRevision.delete(folder);
        }
    }

    private void save(ImpactReport report) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO impact_reports (candidate, report) VALUES (?, ?::jsonb)")) {
            ps.setString(1, report.candidate());
            ps.setString(2, json.writeValueAsString(report));
            ps.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot keep the impact report", e);
        }
    }

    /**
     * The recorded decisions that named assessment {@code id} and that a new version ({@code draft}, not recorded) would
     * change, judged by the ruleset serving now. The report is kept like a rules change's.
     */
    public ImpactReport runDraft(String id, AssessmentDraft draft, Instant from, Instant to) {
        List<AssessmentVersion> versions = assessments.versions(id);
        if (versions.isEmpty()) {
            throw new InvalidInputException("/assessment", "names no assessment of the register (" + id + ")");
        }
        ImpactReport report;
        try (HeldRuleset held = active.hold()) {
            report = AssessmentDraftImpact.run(records, held.ruleset(), id, versions.size() + 1, draft, from, to);
        }
        save(report);
        return report;
    }

    public Optional<JsonNode> last() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT report::text FROM impact_reports ORDER BY id DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(json.readTree(rs.getString(1))) : Optional.empty();
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot read impact reports", e);
        }
    }
}
