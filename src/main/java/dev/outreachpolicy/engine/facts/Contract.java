package dev.outreachpolicy.engine.facts;

/** Art. 6(1)(b): whether the person is party to a contract and the step is necessary for its performance. */
public final class Contract {
    private final Boolean subjectIsParty;
    private final Boolean necessaryForPerformance;

    public Contract(Boolean subjectIsParty, Boolean necessaryForPerformance) {
        this.subjectIsParty = subjectIsParty;
        this.necessaryForPerformance = necessaryForPerformance;
    }

    public Boolean getSubjectIsParty() { return subjectIsParty; }
    public Boolean getNecessaryForPerformance() { return necessaryForPerformance; }

    public boolean isStrictlyNecessary() {
        return Boolean.TRUE.equals(subjectIsParty) && Boolean.TRUE.equals(necessaryForPerformance);
    }
}
