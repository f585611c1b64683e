package dev.outreachpolicy.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problem documents of the request limits that are found inside the resources' stack (see {@link Utf8Body}). */
public class LimitMappers {
    @Inject
    Problems problems;

    @ServerExceptionMapper
    public Response tooLarge(Utf8Body.BodyTooLargeException e) {
        Response r = problems.response(problems.problem(413, "body-too-large", "Request body too large", e.getMessage()));
        return Response.fromResponse(r).header("Connection", "close").build();
    }
}
