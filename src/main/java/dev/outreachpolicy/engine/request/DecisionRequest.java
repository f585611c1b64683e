package dev.outreachpolicy.engine.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outreachpolicy.engine.facts.Automation;
import dev.outreachpolicy.engine.facts.Basis;
import dev.outreachpolicy.engine.facts.Consent;
import dev.outreachpolicy.engine.facts.Contract;
import dev.outreachpolicy.engine.facts.Controller;
import dev.outreachpolicy.engine.facts.Data;
import dev.outreachpolicy.engine.facts.LegalObligation;
import dev.outreachpolicy.engine.facts.Lia;
import dev.outreachpolicy.engine.facts.Message;
import dev.outreachpolicy.engine.facts.Processing;
import dev.outreachpolicy.engine.facts.Prospect;
import dev.outreachpolicy.engine.facts.PublicTask;
import dev.outreachpolicy.engine.facts.VitalInterests;
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
