package dev.outreachpolicy.decision;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outreachpolicy.engine.input.InvalidInputException;

/** Writes RFC 9457 problem documents, so that a batch item gets the same problem a single request would. */
public interface ProblemWriter {
    /** A 400 for invalid input; every pointer is prefixed (for a batch item, {@code /items/3}). */
    ObjectNode invalid(InvalidInputException e, String pointerPrefix);

    ObjectNode forbidden(String detail);
}
