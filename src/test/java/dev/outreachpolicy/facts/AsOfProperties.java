package dev.outreachpolicy.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The windows of rulebook §0, measured back from the UTC date of asOf. */
class AsOfProperties {
    private static AsOf at(int dayOffset) {
        return new AsOf(Instant.parse("2026-11-22T10:00:00Z").plus(dayOffset, ChronoUnit.DAYS));
    }

    @Property
    void withinNDaysIncludesDayNAndExcludesDayNPlusOne(@ForAll @IntRange(min = 0, max = 400) int n, @ForAll @IntRange(min = -800, max = 800) int shift) {
        AsOf asOf = at(shift);
        assertTrue(asOf.withinDays(asOf.getDate().minusDays(n), n));
        assertFalse(asOf.withinDays(asOf.getDate().minusDays(n + 1L), n));
    }

    @Property
    void aDateAfterAsOfIsNeverWithinAWindow(@ForAll @IntRange(min = 1, max = 1000) int ahead, @ForAll @IntRange(min = 0, max = 60) int months) {
        AsOf asOf = at(0);
        LocalDate future = asOf.getDate().plusDays(ahead);
        assertFalse(asOf.withinDays(future, 100000));
        assertFalse(asOf.withinMonths(future, months));
        assertFalse(asOf.onOrBefore(future));
        assertTrue(asOf.isFuture(future));
    }

    @Property
    void withinMonthsIsCalendarMonths(@ForAll @IntRange(min = 1, max = 36) int months, @ForAll @IntRange(min = -400, max = 400) int shift) {
        AsOf asOf = at(shift);
        LocalDate edge = asOf.getDate().minusMonths(months);
        assertTrue(asOf.withinMonths(edge, months));
        assertFalse(asOf.withinMonths(edge.minusDays(1), months));
        assertTrue(asOf.olderThanMonths(edge.minusDays(1), months));
        assertFalse(asOf.olderThanMonths(edge, months));
    }

    @Property
    void businessDaysSkipWeekends(@ForAll @IntRange(min = 0, max = 60) int n, @ForAll @IntRange(min = 0, max = 6) int startShift) {
        LocalDate start = LocalDate.of(2026, 11, 16).plusDays(startShift);
        LocalDate due = at(0).plusBusinessDays(start, n);
        long weekdays = start.datesUntil(due.plusDays(1)).skip(1)
            .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY).count();
        assertEquals(n, weekdays);
        if (n > 0) {
            assertTrue(due.getDayOfWeek() != DayOfWeek.SATURDAY && due.getDayOfWeek() != DayOfWeek.SUNDAY);
        }
    }
}
