package dev.outreachpolicy.logging;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the decision id on every log line written while a decision is handled ({@code decisionId} in the MDC: a field of
 * its own in JSON logs, {@code %X{decisionId}} in a text format), and takes it off when the answer leaves. On a request
 * the MDC lives in the request's own context, so ids never cross from one request to another. The id is the only
 * field put there: never an address, number or ref.
 */
public class DecisionLogContext {
    public static final String KEY = "decisionId";

    /** Lines logged from now until the answer leaves are about this decision. */
    public static void enter(String decisionId) { MDC.put(KEY, decisionId); }

    /** Runs after the resource and any exception mapper have answered, so their lines still carry the id. */
    @ServerResponseFilter
    public void leave() { MDC.remove(KEY); }
}
