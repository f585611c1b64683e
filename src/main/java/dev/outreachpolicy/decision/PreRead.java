package dev.outreachpolicy.decision;

import dev.outreachpolicy.engine.consent.ConsentReceipt;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.request.DecisionRequest;
import dev.outreachpolicy.registers.RegisterStore.Screenings;
import java.util.List;

/**
 * What the store says about a request's person, read for several requests in one go ({@link SuppressionGroupRead}, a
 * batch, a stream's chunk) after each of them arrived, so as exact as a read of its own.
 *
 * @param suppressed the block-list entries naming the person, whatever their scope
 * @param receipts the person's readable consent receipts, newest first; null when the request does not need them
 *     (it states its consent or names a receipt, or has no ref) and they were not read
 * @param screenings the TPS and CTPS screenings of the numbers of the group's calls, read with the rest; null when
 *     the group holds no call (then a call is screened by a query of its own)
 */
public record PreRead(List<Suppressed> suppressed, List<ConsentReceipt> receipts,
                      Screenings screenings) {

    /** Whether a decision on this request looks up the person's consent receipts (see {@code RegisteredBasisResolver}). */
    static boolean needsReceipts(DecisionRequest request) {
        return request.basis().getConsentRef() == null && request.consent() == null && request.prospect().getRef() != null;
    }
}
