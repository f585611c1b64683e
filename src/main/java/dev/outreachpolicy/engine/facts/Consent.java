package dev.outreachpolicy.engine.facts;

import java.time.LocalDate;
import java.util.List;

/**
 * The record of the person's consent. Every regime that asks for consent (GDPR, PECR, CASL, WA CEMA)
 * reads this one record, whatever {@code basis.article6} says.
 *
 * <p>{@link #validFor(String, String)} is the whole of rulebook §2.3 in one test, for rules of other regimes
 * that rely on consent; the GDPR rules in {@code rules/eu/gdpr-consent.drl} check each element separately
 * so that each failure gets its own reason.
 */
public final class Consent {
    private final LocalDate asOf;
    private final LocalDate obtainedAt;
    private final LocalDate withdrawnAt;
    private final List<String> steps;
    private final List<String> channels;
    private final Boolean preTicked;
    private final Boolean freelyGiven;
    private final Boolean informed;
    private final Boolean specific;
    private final Boolean unambiguous;
    private final Boolean explicit;
    private final Boolean express;
    private final Boolean employmentContext;
    private final String receiptId;

    public Consent(LocalDate asOf, LocalDate obtainedAt, LocalDate withdrawnAt, List<String> steps, List<String> channels,
                   Boolean preTicked, Boolean freelyGiven, Boolean informed, Boolean specific, Boolean unambiguous,
                   Boolean explicit, Boolean express, Boolean employmentContext) {
        this(asOf, obtainedAt, withdrawnAt, steps, channels, preTicked, freelyGiven, informed, specific, unambiguous, explicit,
            express, employmentContext, null);
    }

    /** A consent read from a receipt of the service's register ({@code cns_…}). */
    public Consent(LocalDate asOf, LocalDate obtainedAt, LocalDate withdrawnAt, List<String> steps, List<String> channels,
                   Boolean preTicked, Boolean freelyGiven, Boolean informed, Boolean specific, Boolean unambiguous,
                   Boolean explicit, Boolean express, Boolean employmentContext, String receiptId) {
        this.receiptId = receiptId;
        this.asOf = asOf;
        this.obtainedAt = obtainedAt;
        this.withdrawnAt = withdrawnAt;
        this.steps = steps == null ? List.of() : List.copyOf(steps);
        this.channels = channels == null ? List.of() : List.copyOf(channels);
        this.preTicked = preTicked;
        this.freelyGiven = freelyGiven;
        this.informed = informed;
        this.specific = specific;
        this.unambiguous = unambiguous;
        this.explicit = explicit;
        this.express = express;
        this.employmentContext = employmentContext;
    }

    public LocalDate getObtainedAt() { return obtainedAt; }
    public LocalDate getWithdrawnAt() { return withdrawnAt; }
    public List<String> getSteps() { return steps; }
    public List<String> getChannels() { return channels; }
    public Boolean getPreTicked() { return preTicked; }
    public Boolean getFreelyGiven() { return freelyGiven; }
    public Boolean getInformed() { return informed; }
    public Boolean getSpecific() { return specific; }
    public Boolean getUnambiguous() { return unambiguous; }
    public Boolean getExplicit() { return explicit; }
    public Boolean getExpress() { return express; }
    public Boolean getEmploymentContext() { return employmentContext; }
    /** The receipt this consent was read from, or null when the request stated it inline. */
    public String getReceiptId() { return receiptId; }

    /** Art. 4(11): freely given, specific, informed and unambiguous, each recorded as true. */
    public boolean isElementsValid() {
        return Boolean.TRUE.equals(freelyGiven) && Boolean.TRUE.equals(informed)
            && Boolean.TRUE.equals(specific) && Boolean.TRUE.equals(unambiguous);
    }

    public boolean isPreTickedBox() { return Boolean.TRUE.equals(preTicked); }

    /** Obtained on or before the as-of date. */
    public boolean isObtainedBefore() { return obtainedAt != null && !obtainedAt.isAfter(asOf); }

    /** Withdrawn on or before the as-of date. */
    public boolean isWithdrawn() { return withdrawnAt != null && !withdrawnAt.isAfter(asOf); }

    public boolean coversStep(String step) { return steps.contains(step); }

    public boolean coversChannel(String channel) { return channel != null && channels.contains(channel); }

    public boolean isInEmploymentContext() { return Boolean.TRUE.equals(employmentContext); }

    /**
     * Valid consent for this step (and, for outreach, this channel) under every test of rulebook §2.3:
     * not pre-ticked, all four elements, obtained before and not withdrawn by the as-of date, covering the
     * step and channel, and not given in an employment context [C].
     */
    public boolean validFor(String step, String channel) {
        return !isPreTickedBox() && isElementsValid() && isObtainedBefore() && !isWithdrawn()
            && coversStep(step) && (!"OUTREACH".equals(step) || coversChannel(channel))
            && !isInEmploymentContext();
    }

    /** CASL s. 10(1) express consent for a channel: express, not pre-ticked, obtained, not withdrawn. */
    public boolean expressFor(String channel) {
        return Boolean.TRUE.equals(express) && !isPreTickedBox() && isObtainedBefore() && !isWithdrawn()
            && coversChannel(channel);
    }
}
