package dev.outreachpolicy.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** A recorded decision as an impact report reads it: the answer given, and the complete facts unless the person was erased. */
public record StoredDecision(String id, Instant evaluatedAt, String rulesetVersion, JsonNode answer, Optional<JsonNode> facts) { }
