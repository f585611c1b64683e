package dev.outreachpolicy.decision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.facts.Automation;
import dev.outreachpolicy.facts.Basis;
import dev.outreachpolicy.facts.Consent;
import dev.outreachpolicy.facts.Contract;
import dev.outreachpolicy.facts.Controller;
import dev.outreachpolicy.facts.Data;
import dev.outreachpolicy.facts.LegalObligation;
import dev.outreachpolicy.facts.Lia;
import dev.outreachpolicy.facts.Message;
import dev.outreachpolicy.facts.Processing;
import dev.outreachpolicy.facts.Prospect;
import dev.outreachpolicy.facts.PublicTask;
import dev.outreachpolicy.facts.VitalInterests;
import java.time.Instant;

/**
 * A decision request as read from the wire: the facts it states, each absent one {@code null}. The optional
 * records of the basis ({@code lia}, {@code consent}, …) and {@code automation} are null when absent, so a
 * rule can say "there is no LIA" as {@code not Lia()}.
 *
 * @param asOfStated whether the caller gave {@code asOf} (else it is the time of arrival)
 * @param body the request as received, kept with the decision record
 */
public record DecisionRequest(Instant asOf, boolean asOfStated, Processing processing, Controller controller,
                              Prospect prospect, Basis basis, Lia lia, Consent consent, Contract contract,
                              LegalObligation legalObligation, PublicTask publicTask, VitalInterests vitalInterests,
                              Data data, Automation automation, Message message, JsonNode body) { }
