package dev.outreachpolicy.engine.facts;

/**
 * Art. 6(1)(e): the statutory basis of the public task, and (contract v1.1) whether that law vests the task or the
 * official authority in this controller ({@code null}: not stated).
 */
public final class PublicTask {
    private final String statutoryBasis;
    private final Boolean vestedInController;

    public PublicTask(String statutoryBasis) { this(statutoryBasis, null); }

    public PublicTask(String statutoryBasis, Boolean vestedInController) {
        this.statutoryBasis = statutoryBasis;
        this.vestedInController = vestedInController;
    }

    public String getStatutoryBasis() { return statutoryBasis; }

    public Boolean getVestedInController() { return vestedInController; }

    public boolean isStatutoryBasisNamed() { return statutoryBasis != null && !statutoryBasis.isBlank(); }
}
