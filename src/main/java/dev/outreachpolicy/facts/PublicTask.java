package dev.outreachpolicy.facts;

/** Art. 6(1)(e): the statutory basis of the public task. */
public final class PublicTask {
    private final String statutoryBasis;

    public PublicTask(String statutoryBasis) { this.statutoryBasis = statutoryBasis; }

    public String getStatutoryBasis() { return statutoryBasis; }

    public boolean isStatutoryBasisNamed() { return statutoryBasis != null && !statutoryBasis.isBlank(); }
}
