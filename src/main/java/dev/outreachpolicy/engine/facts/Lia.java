package dev.outreachpolicy.engine.facts;

import java.time.LocalDate;
import java.util.List;

/** A documented legitimate-interest assessment (Art. 6(1)(f)): its three tests, its date and the steps it covers. */
public final class Lia {
    private final Boolean purposeTest;
    private final Boolean necessityTest;
    private final Boolean balancingTest;
    private final LocalDate assessedAt;
    private final List<String> steps;
    private final String assessmentId;
    private final int assessmentVersion;
    private final List<String> campaigns;
    private final List<String> channels;
    private final LocalDate reviewDueAt;

    /** An inline assessment, as the request states it. */
    public Lia(Boolean purposeTest, Boolean necessityTest, Boolean balancingTest, LocalDate assessedAt, List<String> steps) {
        this(purposeTest, necessityTest, balancingTest, assessedAt, steps, null, 0, null, null, null);
    }

    /**
     * A version of an assessment kept in the service's register (rulebook §2.2a): the tests' results, its date and
     * steps, and what only a registered assessment records: the campaigns and channels it covers and its review date.
     */
    public Lia(Boolean purposeTest, Boolean necessityTest, Boolean balancingTest, LocalDate assessedAt, List<String> steps,
               String assessmentId, int assessmentVersion, List<String> campaigns, List<String> channels, LocalDate reviewDueAt) {
        this.purposeTest = purposeTest;
        this.necessityTest = necessityTest;
        this.balancingTest = balancingTest;
        this.assessedAt = assessedAt;
        this.steps = steps == null ? List.of() : List.copyOf(steps);
        this.assessmentId = assessmentId;
        this.assessmentVersion = assessmentVersion;
        this.campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        this.channels = channels == null ? List.of() : List.copyOf(channels);
        this.reviewDueAt = reviewDueAt;
    }

    public Boolean getPurposeTest() { return purposeTest; }
    public Boolean getNecessityTest() { return necessityTest; }
    public Boolean getBalancingTest() { return balancingTest; }
    public LocalDate getAssessedAt() { return assessedAt; }
    public List<String> getSteps() { return steps; }

    /** All three tests are recorded as passed. */
    public boolean isPassed() {
        return Boolean.TRUE.equals(purposeTest) && Boolean.TRUE.equals(necessityTest) && Boolean.TRUE.equals(balancingTest);
    }

    public boolean covers(String step) { return steps.contains(step); }

    /** Taken from the register ({@code basis.liaRef}), not stated inline by the caller. */
    public boolean isRegistered() { return assessmentId != null; }

    public String getAssessmentId() { return assessmentId; }
    public int getAssessmentVersion() { return assessmentVersion; }
    public List<String> getCampaigns() { return campaigns; }
    public List<String> getChannels() { return channels; }
    public LocalDate getReviewDueAt() { return reviewDueAt; }

    /** The version lists campaigns and this one (absent: null) is not among them. */
    public boolean isCampaignExcluded(String campaign) { return !campaigns.isEmpty() && (campaign == null || !campaigns.contains(campaign)); }

    /** The version lists channels and this one is not among them. */
    public boolean isChannelExcluded(String channel) { return !channels.isEmpty() && (channel == null || !channels.contains(channel)); }

    /**
     * How a reason names the assessment it judged: {@code " (assessment asm_…, version 2)"} for a registered one, nothing
     * for an inline one (rulebook §2.2a: every reason from a registered assessment names it).
     */
    public String named() { return assessmentId == null ? "" : " (assessment " + assessmentId + ", version " + assessmentVersion + ")"; }
}
