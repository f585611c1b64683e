package dev.outreachpolicy.api;

import dev.outreachpolicy.engine.input.InvalidInputException;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body must be UTF-8. Decoded leniently, an invalid byte became a replacement character (or {@code ?}) and two
 * different refs could collide into one; here the bytes are checked before any resource reads them, and a body that
 * is not UTF-8 is a 400 naming the byte offset. A body read without a declared length is held to the same size limit
 * as one with it (413).
 */
public class Utf8Body {

    @ServerRequestFilter(readBody = true)
    public void check(ContainerRequestContext ctx) throws IOException {
        if (!ctx.hasEntity() || ctx.getMediaType() != null && (ctx.getMediaType().getType().equals("multipart")
            || ctx.getMediaType().isCompatible(jakarta.ws.rs.core.MediaType.APPLICATION_FORM_URLENCODED_TYPE))) {
            return; // forms are decoded by the HTTP layer, not read as a stream; their fields are checked where read
        }
        if (BodyLimits.isStream(ctx.getUriInfo().getRequestUri().getRawPath())) {
            return; // a stream is read a line at a time and decoded strictly there; reading it whole here would hold it all
        }
        InputStream in = ctx.getEntityStream();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, RequestLimits.MAX_BODY + 1));
        if (bytes.length > RequestLimits.MAX_BODY) {
            throw new BodyTooLargeException();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            decoder.decode(buffer);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("/", "the body is not valid UTF-8 (near byte " + buffer.position() + ")");
        }
        ctx.setEntityStream(new ByteArrayInputStream(bytes));
    }

    /** A body over the limit that came without a Content-Length (chunked). */
    public static final class BodyTooLargeException extends RuntimeException {
        public BodyTooLargeException() {
            super("the body holds more than " + RequestLimits.MAX_BODY + " bytes");
        }
    }
}
