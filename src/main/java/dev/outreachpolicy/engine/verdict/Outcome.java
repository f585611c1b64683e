package dev.outreachpolicy.engine.verdict;

import java.util.Collection;

/** The answer: DENY if any reason denies; else REVIEW if any reason asks for a human; else PERMIT. */
public enum Outcome {
    PERMIT, REVIEW, DENY;

    public static Outcome of(Collection<Reason> reasons) {
        boolean review = false;
        for (Reason r : reasons) {
            if (r.effect() == Effect.DENY) {
                return DENY;
            }
            review |= r.effect() == Effect.REVIEW;
        }
        return review ? REVIEW : PERMIT;
    }
}
