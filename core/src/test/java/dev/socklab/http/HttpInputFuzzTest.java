package dev.socklab.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link HttpInput} on whatever a client sends: it reads requests and their bodies, or refuses with
 * an {@link HttpException} or a {@link BadBodyException}, or finds the input cut short, and nothing
 * else is thrown. The bytes are read twice, as a socket gives them when the client has sent plenty
 * and a byte a read, and both readings must agree request by request, so that no line end, CR or
 * chunk boundary falling on a read's edge changes what a request means (the root of request
 * smuggling). Each head that parses is written back out and must parse to the same head.
 */
class HttpInputFuzzTest {
    private static final HeadLimits LIMITS = new HeadLimits(256, 512, 16);
    private static final long MAX_BODY = 1024;

    @FuzzTest(maxDuration = "30s")
    void bothReadingsAgreeAndOnlyHttpFailuresAreThrown(byte[] data) throws IOException {
        String wire = new String(data, StandardCharsets.ISO_8859_1);
        String whole = report(HttpInputTest.input(wire, LIMITS));
        String trickled = report(HttpInputTest.aByteARead(wire, LIMITS));
        assertThat(trickled).isEqualTo(whole);
    }

    private static String report(HttpInput in) throws IOException {
        StringBuilder out = new StringBuilder();
        try {
            for (int i = 0; i < 8; i++) {
                var head = in.readRequestHead();
                if (head.isEmpty()) {
                    return out.append("end\n").toString();
                }
                RequestHead h = head.get();
                assertThat(reparsed(h)).isEqualTo(h);
                BodyFraming framing = BodyFraming.ofRequest(h, MAX_BODY);
                byte[] body = in.body(framing, MAX_BODY).readAllBytes();
                out.append(h).append(' ').append(framing).append(' ').append(body.length).append('\n');
            }
            return out.toString();
        } catch (HttpException e) {
            return out.append(e.status()).append('\n').toString();
        } catch (BadBodyException e) {
            return out.append(e.httpException().status()).append('\n').toString();
        } catch (EOFException e) {
            return out.append("cut\n").toString();
        }
    }

    /** {@code h} written as a request head and parsed again. */
    private static RequestHead reparsed(RequestHead h) throws IOException {
        StringBuilder wire = new StringBuilder();
        wire.append(h.method()).append(' ').append(h.target()).append(' ').append(h.version().text()).append("\r\n");
        for (Field f : h.fields().all()) {
            wire.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        wire.append("\r\n");
        try {
            return HttpInputTest.input(wire.toString(), new HeadLimits(1024, 2048, 64)).readRequestHead().orElseThrow();
        } catch (HttpException e) {
            throw new AssertionError("a parsed head does not parse again: " + e.getMessage() + "\n" + wire, e);
        }
    }
}
