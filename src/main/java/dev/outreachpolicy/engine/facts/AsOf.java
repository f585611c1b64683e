package dev.outreachpolicy.engine.facts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The moment a decision is for. Every window of the law is measured back from its UTC date
 * (rulebook §0 "Time"): "within N days" is {@code asOfDate - date <= N}; "within N months/years" is
 * {@code date >= asOf minus N calendar months/years}. A dated fact later than the as-of date did not
 * exist yet, so it is never "within" a window and never "on or before".
 */
public final class AsOf {
    private final Instant instant;
    private final LocalDate date;

    public AsOf(Instant instant) {
        this.instant = instant;
        this.date = instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    public Instant getInstant() { return instant; }

    public LocalDate getDate() { return date; }

    /** The event is known to have happened by the as-of date. */
    public boolean onOrBefore(LocalDate event) {
        return event != null && !event.isAfter(date);
    }

    /**
     * The date lies after the as-of date: a fact from the future did not exist yet. (Not named {@code after}: that
     * word is a temporal operator in DRL.)
     */
    public boolean isFuture(LocalDate event) {
        return event != null && event.isAfter(date);
    }

    public boolean withinDays(LocalDate event, int days) {
        return onOrBefore(event) && ChronoUnit.DAYS.between(event, date) <= days;
    }

    public boolean withinMonths(LocalDate event, int months) {
        return onOrBefore(event) && !event.isBefore(date.minusMonths(months));
    }

    public boolean withinYears(LocalDate event, int years) {
        return onOrBefore(event) && !event.isBefore(date.minusYears(years));
    }

    /** The event happened, and longer ago than the given number of calendar months. */
    public boolean olderThanMonths(LocalDate event, int months) {
        return event != null && event.isBefore(date.minusMonths(months));
    }

    /** The as-of date falls before the given date ({@code 2017-07-01}); not named {@code before}, a DRL operator. */
    public boolean isBeforeDate(String isoDate) {
        return date.isBefore(LocalDate.parse(isoDate));
    }

    public LocalDate plusDays(LocalDate from, int days) { return from.plusDays(days); }

    public LocalDate plusMonths(LocalDate from, int months) { return from.plusMonths(months); }

    public LocalDate plusYears(LocalDate from, int years) { return from.plusYears(years); }

    /** Business days are Monday to Friday; holidays are ignored so deadlines come earlier [C]. */
    public LocalDate plusBusinessDays(LocalDate from, int businessDays) {
        LocalDate d = from;
        int left = businessDays;
        while (left > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }

    @Override
    public String toString() { return "AsOf[" + instant + "]"; }
}
