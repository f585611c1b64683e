package dev.outreachpolicy.engine.resolution;

import dev.outreachpolicy.engine.screening.Screening;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The service's own register is believed over the caller: when a fresh import (dated within the screening window
 * before asOf, never after it) lists the number, the number is REGISTERED whatever screening the request claims. A
 * claim of REGISTERED, or a stale or absent import, leaves the request's own screening as it was.
 */
final class RegisterTruth {
    private RegisterTruth() { }

    /** The screening that overrides the request's claim, or empty when the claim stands. */
    static Optional<Screening> overriding(Optional<Screening> imported, String claimed, LocalDate asOfDate, int freshDays) {
        if (imported.isEmpty() || !"REGISTERED".equals(imported.get().status()) || "REGISTERED".equals(claimed) || asOfDate == null) {
            return Optional.empty();
        }
        LocalDate checked = imported.get().checkedAt();
        boolean fresh = !checked.isAfter(asOfDate) && !checked.isBefore(asOfDate.minusDays(freshDays));
        return fresh ? imported : Optional.empty();
    }
}
