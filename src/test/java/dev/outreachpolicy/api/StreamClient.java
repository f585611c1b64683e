package dev.outreachpolicy.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.TimeUnit;

/**
 * Posts an NDJSON stream and reads its answer while the stream is still being sent, as a streaming client must: a
 * client that sends the whole body before reading anything fills the connection's buffers with answers and stalls
 * (so do curl and Vert.x's client; RestAssured's does not read early).
 */
public final class StreamClient {
    private StreamClient() { }

    /** The status, then a newline, then the body of the answer. */
    public static String post(int port, byte[] ndjson) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient();
            return client.request(HttpMethod.POST, port, "127.0.0.1", "/v1/decisions:stream")
                .compose(req -> req.putHeader("Content-Type", "application/x-ndjson").send(Buffer.buffer(ndjson))
                    .compose(resp -> resp.body().map(b -> resp.statusCode() + "\n" + b.toString())))
                .toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
