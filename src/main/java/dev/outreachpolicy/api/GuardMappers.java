package dev.outreachpolicy.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Problem documents for the refusals of the hardening guards: a body over the limit, a review of a decision not under review. */
public class GuardMappers {
    @Inject
    Problems problems;

    @ServerExceptionMapper
    public Response tooLarge(Utf8Body.BodyTooLargeException e) {
        Response r = problems.response(problems.problem(413, "body-too-large", "Request body too large", e.getMessage()));
        return Response.fromResponse(r).header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response registerShrinks(dev.outreachpolicy.registers.RegisterGuard.RegisterShrinkException e) {
        return problems.response(problems.problem(422, "register-shrinks", "The register file would unprotect numbers", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notUnderReview(dev.outreachpolicy.audit.NotUnderReviewException e) {
        return problems.response(problems.problem(409, "not-under-review", "The decision is not under review", e.getMessage()));
    }
}
