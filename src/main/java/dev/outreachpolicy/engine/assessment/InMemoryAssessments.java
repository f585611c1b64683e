package dev.outreachpolicy.engine.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register held in memory for the engine's fixture runs (no database), selecting a version exactly as the store
 * does: the newest whose {@code assessedAt} is on or before the date.
 */
public final class InMemoryAssessments implements AssessmentRegister {
    private final Map<String, List<AssessmentVersion>> versions = new LinkedHashMap<>();

    /** Records a new version of {@code id} (its first when new) and returns it. */
    public AssessmentVersion add(String id, AssessmentDraft draft) {
        List<AssessmentVersion> list = versions.computeIfAbsent(id, k -> new ArrayList<>());
        AssessmentVersion v = new AssessmentVersion(id, list.size() + 1, draft, Instant.now(), "fixture");
        list.add(v);
        return v;
    }

    @Override
    public Optional<AssessmentVersion> inForce(String id, LocalDate date) {
        List<AssessmentVersion> list = versions.get(id);
        if (list == null) {
            throw new UnknownAssessmentException(id);
        }
        return select(list, date);
    }

    /** The newest version assessed on or before the date. */
    public static Optional<AssessmentVersion> select(List<AssessmentVersion> list, LocalDate date) {
        return list.stream().filter(v -> !v.draft().assessedAt().isAfter(date)).max(Comparator.comparingInt(AssessmentVersion::version));
    }
}
