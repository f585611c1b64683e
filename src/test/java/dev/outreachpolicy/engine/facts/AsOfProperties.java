package dev.outreachpolicy.engine.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The windows of rulebook §0, measured back from the UTC date of asOf. */
class AsOfProperties {
    private static AsOf at(int dayOffset) {
        return new AsOf(Instant.parse("2026-11-22T10:00:00Z").plus(dayOffset, ChronoUnit.DAYS));
    }

    @Test
    void withinNDaysIncludesDayNAndExcludesDayNPlusOne() {
        qt().forAll(integers().between(0, 400), integers().between(-800, 800)).checkAssert((n, shift) -> {
            AsOf asOf = at(shift);
            assertTrue(asOf.withinDays(asOf.getDate().minusDays(n), n));
            assertFalse(asOf.withinDays(asOf.getDate().minusDays(n + 1L), n));
        });
    }

    @Test
    void aDateAfterAsOfIsNeverWithinAWindow() {
        qt().forAll(integers().between(1, 1000), integers().between(0, 60)).checkAssert((ahead, months) -> {
            AsOf asOf = at(0);
            LocalDate future = asOf.getDate().plusDays(ahead);
            assertFalse(asOf.withinDays(future, 100000));
            assertFalse(asOf.withinMonths(future, months));
            assertFalse(asOf.onOrBefore(future));
            assertTrue(asOf.isFuture(future));
        });
    }

    @Test
    void withinMonthsIsCalendarMonths() {
        qt().forAll(integers().between(1, 36), integers().between(-400, 400)).checkAssert((months, shift) -> {
            AsOf asOf = at(shift);
            LocalDate edge = asOf.getDate().minusMonths(months);
            assertTrue(asOf.withinMonths(edge, months));
            assertFalse(asOf.withinMonths(edge.minusDays(1), months));
            assertTrue(asOf.olderThanMonths(edge.minusDays(1), months));
            assertFalse(asOf.olderThanMonths(edge, months));
        });
    }

    @Test
    void businessDaysSkipWeekends() {
        qt().forAll(integers().between(0, 60), integers().between(0, 6)).checkAssert((n, startShift) -> {
            LocalDate start = LocalDate.of(2026, 11, 16).plusDays(startShift);
            LocalDate due = at(0).plusBusinessDays(start, n);
            long weekdays = start.datesUntil(due.plusDays(1)).skip(1)
                .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).count();
            assertEquals((long) n, weekdays);
            if (n > 0) {
                assertTrue(due.getDayOfWeek() != DayOfWeek.SATURDAY && due.getDayOfWeek() != DayOfWeek.SUNDAY);
            }
        });
    }
}
