package dev.outreachpolicy.engine.assessment;

import java.time.LocalDate;
import java.util.Optional;

/** The register of legitimate-interest assessments, as a decision reads it. */
public interface AssessmentRegister {

    /**
     * The version of assessment {@code id} in force on {@code date}: the newest whose {@code assessedAt} is on or before
     * it. Empty when no version is in force then; {@code null} is never returned.
     * @throws UnknownAssessmentException when the register holds no assessment with that id
     */
    Optional<AssessmentVersion> inForce(String id, LocalDate date);

    /** No assessment is known: a decision naming one is refused. */
    AssessmentRegister NONE = (id, date) -> { throw new UnknownAssessmentException(id); };

    /** The id names no assessment of the register. */
    final class UnknownAssessmentException extends RuntimeException {
        public UnknownAssessmentException(String id) { super("no assessment " + id); }
    }
}
