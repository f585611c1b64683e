package dev.outreachpolicy.engine.resolution;

import dev.outreachpolicy.engine.request.DecisionRequest;

import dev.outreachpolicy.engine.assessment.AssessmentRegister;
import dev.outreachpolicy.engine.assessment.AssessmentVersion;
import dev.outreachpolicy.engine.consent.ConsentReceipt;
import dev.outreachpolicy.engine.consent.ConsentRegister;
import dev.outreachpolicy.engine.facts.Basis;
import dev.outreachpolicy.engine.facts.Consent;
import dev.outreachpolicy.engine.facts.Lia;
import dev.outreachpolicy.engine.input.InvalidInputException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fills a request's basis from the registers (contract v1.1):
 * <ul>
 *   <li>{@code basis.liaRef}: the newest version assessed on or before the UTC date of {@code asOf}; none in force reads
 *       as no LIA (fail closed); an unknown id is a 400 naming {@code /basis/liaRef};</li>
 *   <li>{@code basis.consentRef}: that receipt of this person (400 naming {@code /basis/consentRef} when unknown or
 *       another person's); a receipt that can no longer be read (the person was erased) is not used;</li>
 *   <li>neither {@code consent} nor {@code consentRef}: the person's newest readable receipt that covers the step (and,
 *       for outreach, the channel) at {@code asOf}, if any.</li>
 * </ul>
 */
public final class RegisteredBasisResolver {
    private final AssessmentRegister assessments;
    private final ConsentRegister consents;

    public RegisteredBasisResolver(AssessmentRegister assessments, ConsentRegister consents) {
        this.assessments = assessments;
        this.consents = consents;
    }

    public void resolve(DecisionRequest request) {
        Basis basis = request.basis();
        LocalDate asOfDate = request.asOf().atOffset(ZoneOffset.UTC).toLocalDate();
        Lia lia = null;
        if (basis.getLiaRef() != null) {
            try {
                lia = assessments.inForce(basis.getLiaRef(), asOfDate).map(AssessmentVersion::toLia).orElse(null);
            } catch (AssessmentRegister.UnknownAssessmentException e) {
                throw new InvalidInputException("/basis/liaRef", "names no assessment of the register (" + basis.getLiaRef() + ")");
            }
        }
        Consent consent = null;
        String ref = request.prospect().getRef();
        if (basis.getConsentRef() != null) {
            try {
                consent = consents.receipt(basis.getConsentRef(), ref).map(r -> r.toConsent(asOfDate)).orElse(null);
            } catch (ConsentRegister.UnknownReceiptException e) {
                throw new InvalidInputException("/basis/consentRef", "names no consent receipt of this person (prospect.ref)");
            }
        } else if (request.consent() == null && ref != null) {
            String step = request.processing().getStep();
            String channel = request.processing().getChannel();
            Optional<ConsentReceipt> newest = consents.receipts(ref).stream().filter(r -> r.covers(step, channel, asOfDate)).findFirst();
            consent = newest.map(r -> r.toConsent(asOfDate)).orElse(null);
        }
        basis.setRegistered(lia, consent);
    }
}
