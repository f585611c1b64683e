package dev.outreachpolicy.api;

import dev.outreachpolicy.decision.DecisionStream;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/**
 * {@code POST /v1/decisions:stream} (agent): NDJSON decision requests in, NDJSON answers out, one line per line, in
 * order, each written once its decision is durable ({@link DecisionStream}).
 */
@Path("/v1")
public class StreamResource {
    public static final String NDJSON = "application/x-ndjson";

    @Inject
    DecisionStream stream;

    @Inject
    Problems problems;

    @Inject
    Caller caller;

    @POST
    @Path("/decisions:stream")
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @Allowed(Role.AGENT)
    public Response decide(InputStream body) {
        boolean whatIf = caller.role().atLeast(Role.LEGAL);
        java.util.Optional<String> who = stream.callerIdentity();
        StreamingOutput out = os -> stream.run(body, os, whatIf, problems, who);
        return Response.ok(out, NDJSON).build();
    }
}
