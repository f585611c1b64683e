package dev.outreachpolicy.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A stream still being sent when the service must stop is read to the end of the line it is in, and no further: the
 * lines read are answered whole, and the stream says from which line to send again.
 */
class LineBoundedInputTest {
    @Test
    void readsToTheEndOfTheCurrentLineOnceTheServiceMustStop() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        byte[] body = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n{\"a\":4}\n".getBytes(StandardCharsets.UTF_8);
        InputStream slow = new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 5)); // a client sending a few bytes at a time
            }
        };
        StreamResource.LineBoundedInput in = new StreamResource.LineBoundedInput(slow, stop::get);
        byte[] buf = new byte[64];
        StringBuilder got = new StringBuilder();
        int n = in.read(buf, 0, buf.length);
        got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        n = in.read(buf, 0, buf.length);
        got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        assertEquals("{\"a\":1}\n{\"", got.toString(), "mid-way through the second line");
        stop.set(true);
        while ((n = in.read(buf, 0, buf.length)) > 0) {
            got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        assertEquals("{\"a\":1}\n{\"a\":2}\n", got.toString(), "the second line is finished, the third is not read");
        assertTrue(in.cut());
        assertEquals(2, in.lines());
        assertEquals(-1, in.read());
    }

    @Test
    void aStreamThatEndsBeforeTheServiceMustStopIsNotCut() throws Exception {
        StreamResource.LineBoundedInput in = new StreamResource.LineBoundedInput(
            new ByteArrayInputStream("x\ny\n".getBytes(StandardCharsets.UTF_8)), () -> false);
        assertEquals("x\ny\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertFalse(in.cut());
        assertEquals(2, in.lines());
    }
}
