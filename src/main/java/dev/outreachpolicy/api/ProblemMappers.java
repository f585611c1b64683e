package dev.outreachpolicy.api;

import dev.outreachpolicy.idempotency.IdempotencyKeyReusedException;
import dev.outreachpolicy.decision.WhatIfNotAllowedException;
import dev.outreachpolicy.engine.input.InvalidInputException;
import dev.outreachpolicy.store.StoreException;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as {@code application/problem+json}; invalid input is a 400, never a 500. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    Problems problems;

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e) { return problems.response(problems.invalid(e, "")); }

    @ServerExceptionMapper
    public Response whatIf(WhatIfNotAllowedException e) { return problems.response(problems.forbidden(e.getMessage())); }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReusedException e) {
        return problems.response(problems.problem(422, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.error("store unavailable", e);
        return problems.response(problems.problem(503, "store-unavailable", "The store is unavailable",
            e.getMessage() + "; nothing was recorded and no decision is given (fail closed)"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return problems.response(problems.problem(status, "http-" + status, title, e.getMessage()));
    }

    /**
     * A multipart body that ends before its closing boundary (or is otherwise malformed) fails inside the form parser,
     * before any resource runs: that is bad input from the caller, not a fault of the service.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        if (isFormParsing(e)) {
            return problems.response(problems.invalid(new InvalidInputException("/file",
                "is not a readable multipart/form-data body (" + e.getMessage() + "): send the CSV as the part named file, "
                    + "or as the raw body with Content-Type text/csv"), ""));
        }
        return unexpected(e);
    }

    private static boolean isFormParsing(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String c = frame.getClassName();
            if (c.contains(".multipart.") || c.endsWith("FormBodyHandler")) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return problems.response(problems.problem(500, "internal-error", "Internal error",
            "The service failed to answer; nothing was recorded. The error is logged."));
    }
}
