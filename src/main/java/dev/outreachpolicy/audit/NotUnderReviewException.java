package dev.outreachpolicy.audit;

/** A review of a decision that is not a REVIEW: PERMIT and DENY are not open to a reviewer's verdict. */
public final class NotUnderReviewException extends RuntimeException {
    public NotUnderReviewException(String id, String outcome) {
        super("decision " + id + " is " + outcome + ", not REVIEW: only a REVIEW decision takes a reviewer's verdict");
    }
}
