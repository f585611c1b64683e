package dev.outreachpolicy.facts;

import java.time.LocalDate;
import java.util.List;

/** A documented legitimate-interest assessment (Art. 6(1)(f)): its three tests, its date and the steps it covers. */
public final class Lia {
    private final Boolean purposeTest;
    private final Boolean necessityTest;
    private final Boolean balancingTest;
    private final LocalDate assessedAt;
    private final List<String> steps;

    public Lia(Boolean purposeTest, Boolean necessityTest, Boolean balancingTest, LocalDate assessedAt, List<String> steps) {
        this.purposeTest = purposeTest;
        this.necessityTest = necessityTest;
        this.balancingTest = balancingTest;
        this.assessedAt = assessedAt;
        this.steps = steps == null ? List.of() : List.copyOf(steps);
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
}
