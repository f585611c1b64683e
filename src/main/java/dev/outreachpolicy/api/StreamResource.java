package dev.outreachpolicy.api;

import dev.outreachpolicy.decision.DecisionStream;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
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

    @Inject
    ShutdownGate shutdown;

    @POST
    @Path("/decisions:stream")
    @Consumes(NDJSON)
    @Produces(NDJSON)
    @Allowed(Role.AGENT)
    public Response decide(InputStream body) {
        boolean whatIf = caller.role().atLeast(Role.LEGAL);
        java.util.Optional<String> who = stream.callerIdentity();
        StreamingOutput out = os -> {
            LineBoundedInput in = new LineBoundedInput(body, shutdown::streamMustStop);
            stream.run(in, os, whatIf, problems, who);
            if (in.cut()) {
                // The service is stopping: every line read was answered above; say where reading stopped.
                os.write(("{\"line\":" + (in.lines() + 1) + ",\"type\":\"/problems/shutting-down\",\"title\":\"The service is stopping\","
                    + "\"status\":503,\"detail\":\"this instance stopped reading the stream before this line; the lines above are answered "
                    + "and recorded, this one and any after it were not read: send them again (to another instance)\"}\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                os.flush();
            }
        };
        return Response.ok(out, NDJSON).build();
    }

    /**
     * The body, read up to the end of the line at which {@code stop} first holds: from there it reads as ended, so
     * the stream answers whole lines only. Counts the lines it gave.
     */
    static final class LineBoundedInput extends InputStream {
        private final InputStream in;
        private final java.util.function.BooleanSupplier stop;
        private boolean atLineStart = true;
        private boolean cut;
        private long lines;

        LineBoundedInput(InputStream in, java.util.function.BooleanSupplier stop) {
            this.in = in;
            this.stop = stop;
        }

        boolean cut() { return cut; }

        long lines() { return lines; }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (cut) {
                return -1;
            }
            boolean stopping = stop.getAsBoolean();
            if (stopping && atLineStart) {
                cut = true;
                return -1;
            }
            int n = in.read(b, off, len);
            if (n <= 0) {
                return n;
            }
            for (int i = off; i < off + n; i++) {
                if (b[i] == '\n') {
                    lines++;
                    if (stopping) {
                        // the rest of what was read belongs to lines that will not be answered
                        atLineStart = true;
                        cut = true;
                        return i - off + 1;
                    }
                }
            }
            atLineStart = b[off + n - 1] == '\n';
            return n;
        }

        @Override
        public void close() throws IOException { in.close(); }
    }
}
