package dev.outreachpolicy.engine.resolution;

import dev.outreachpolicy.engine.request.DecisionRequest;

import dev.outreachpolicy.engine.assessment.AssessmentRegister;
import dev.outreachpolicy.engine.consent.ConsentRegister;
import dev.outreachpolicy.engine.contact.EmailAddress;
import dev.outreachpolicy.engine.facts.Prospect;
import dev.outreachpolicy.engine.facts.Suppressed;
import dev.outreachpolicy.engine.screening.CallRegisters;
import dev.outreachpolicy.engine.screening.Screening;
import dev.outreachpolicy.engine.rules.PolicyData;
import dev.outreachpolicy.engine.suppression.SuppressionList;
import java.util.List;

/**
 * Turns a request into the facts the rules judge, resolving what the service knows better than the caller:
 * <ul>
 *   <li>the prospect's location: {@code country}, else the subdivision's country, else the phone's calling code;</li>
 *   <li>the subscriber: for outreach by e-mail a free-mail address is {@code INDIVIDUAL} whatever was sent
 *       (rulebook §3); otherwise the stated {@code subscriberType}, or unknown;</li>
 *   <li>TPS and CTPS: for a call whose request gives no status, the imported register's answer, dated with the
 *       register's date;</li>
 *   <li>the suppression-list entries that name the person;</li>
 *   <li>a registered assessment or consent receipt ({@link RegisteredBasisResolver}).</li>
 * </ul>
 */
public final class FactResolver {
    private final SuppressionList suppressions;
    private final CallRegisters registers;
    private final RegisteredBasisResolver registered;

    public FactResolver(SuppressionList suppressions, CallRegisters registers) {
        this(suppressions, registers, new RegisteredBasisResolver(AssessmentRegister.NONE, ConsentRegister.NONE));
    }

    /**
     * Whether a decision on this request screens the person's number against the TPS and CTPS registers: an outreach
     * call to a number. The one test of it, so that a group read ahead of the rules reads exactly the screenings the
     * resolution would look up.
     */
    public static boolean screensNumber(DecisionRequest request) {
        return request.processing().isCall() && request.prospect().getPhoneE164() != null;
    }

    /** @param registered fills {@code basis.liaRef}, {@code basis.consentRef} and the person's receipts from the registers */
    public FactResolver(SuppressionList suppressions, CallRegisters registers, RegisteredBasisResolver registered) {
        this.suppressions = suppressions;
        this.registers = registers;
        this.registered = registered;
    }

    public ResolvedFacts resolve(DecisionRequest request, PolicyData policy) {
        return resolve(request, policy, null);
    }

    /**
     * @param preRead the block-list entries naming the person, read once by the caller for several requests about
     *     the same person (a plan's cells); null to read them here
     */
    public ResolvedFacts resolve(DecisionRequest request, PolicyData policy, List<Suppressed> preRead) {
        Prospect p = request.prospect();
        p.setLocation(p.getCountry() != null ? p.getCountry()
            : p.getSubdivision() != null ? p.getSubdivision().substring(0, 2) : p.getPhoneCountry());
        if (p.getEmail() != null) {
            p.setEmailDomain(EmailAddress.domain(p.getEmail()));
            p.setFreeMail(policy.isFreeMail(p.getEmailDomain()));
        }
        if ("EMAIL".equals(request.processing().getChannel()) && p.isFreeMail()) {
            p.setSubscriber("INDIVIDUAL");
            p.setSubscriberSource("free-mail domain " + p.getEmailDomain());
        } else if (p.getSubscriberType() != null) {
            p.setSubscriber(p.getSubscriberType());
            p.setSubscriberSource("request");
        }
        if (screensNumber(request)) {
            int freshDays = policy.days("uk-pecr.register-screening-days");
            java.time.LocalDate asOfDate = request.asOf().atOffset(java.time.ZoneOffset.UTC).toLocalDate();
            screen("TPS", p.getTps(), p.getPhoneE164(), asOfDate, freshDays, (s, source) -> {
                p.setTps(s.status());
                p.setTpsCheckedAt(s.checkedAt());
                p.setTpsSource(source);
            });
            screen("CTPS", p.getCtps(), p.getPhoneE164(), asOfDate, freshDays, (s, source) -> {
                p.setCtps(s.status());
                p.setCtpsCheckedAt(s.checkedAt());
                p.setCtpsSource(source);
            });
        }
        registered.resolve(request);
        return new ResolvedFacts(request, preRead != null ? preRead : suppressions.find(p.getRef(), p.getEmail(), p.getPhoneE164()));
    }

    /**
     * The screening of one register for the request: the imported register's answer when the request states none, or
     * the register's REGISTERED over the request's claim when the import is fresh ({@link RegisterTruth}).
     */
    private void screen(String register, String claimed, String e164, java.time.LocalDate asOfDate, int freshDays,
                        java.util.function.BiConsumer<Screening, String> apply) {
        var imported = registers.screen(register, e164);
        if (claimed == null) {
            imported.ifPresent(s -> apply.accept(s, "imported " + register + " register of " + s.checkedAt()));
        } else {
            RegisterTruth.overriding(imported, claimed, asOfDate, freshDays).ifPresent(s -> apply.accept(s,
                "imported " + register + " register of " + s.checkedAt() + " (the request stated " + claimed + ")"));
        }
    }
}
