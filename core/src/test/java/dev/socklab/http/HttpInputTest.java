package dev.socklab.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.framing.ByteSource;

class HttpInputTest {
    private static final HeadLimits LIMITS = new HeadLimits(8192, 16384, 100);

    static HttpInput input(String wire, HeadLimits limits) {
        return new HttpInput(ByteSource.of(ByteBuffer.wrap(wire.getBytes(StandardCharsets.ISO_8859_1))), limits);
    }

    static HttpInput aByteARead(String wire) {
        return aByteARead(wire, LIMITS);
    }

    static HttpInput aByteARead(String wire, HeadLimits limits) {
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        return new HttpInput(new ByteSource() {
            private int at;

            @Override
            public int read(ByteBuffer dst) {
                if (at == bytes.length) {
                    return -1;
                }
                dst.put(bytes[at++]);
                return 1;
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) {
                return read(dst);
            }
        }, limits);
    }

    private static RequestHead head(String wire) throws IOException, HttpException {
        return input(wire, LIMITS).readRequestHead().orElseThrow();
    }

    private static int status(String wire) {
        try {
            HttpInput in = input(wire, LIMITS);
            RequestHead head = in.readRequestHead().orElseThrow();
            in.body(BodyFraming.ofRequest(head, 1 << 20), 1 << 20).readAllBytes();
            return 200;
        } catch (HttpException e) {
            return e.status();
        } catch (BadBodyException e) {
            return e.httpException().status();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aRequestHeadIsItsLineAndFieldsInOrder() throws Exception {
        RequestHead h = head("GET /a/b?x=1&y=2 HTTP/1.1\r\nHost: example\r\nAccept:  */* \r\nX-Two: 1\r\nx-two: 2\r\n\r\n");
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.target()).isEqualTo("/a/b?x=1&y=2");
        assertThat(h.path()).isEqualTo("/a/b");
        assertThat(h.query()).isEqualTo("x=1&y=2");
        assertThat(h.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(h.fields().first("accept")).contains("*/*");
        assertThat(h.fields().values("X-TWO")).containsExactly("1", "2");
        assertThat(h.keepAlive()).isTrue();
    }

    @Test
    void aBareLfEndsLinesEverywhereAsCrlfDoes() throws Exception {
        HttpInput in = input("POST /x HTTP/1.1\nHost: h\nTransfer-Encoding: chunked\n\n3\nabc\n0\nTrailer: t\n\n", LIMITS);
        RequestHead h = in.readRequestHead().orElseThrow();
        assertThat(in.body(BodyFraming.ofRequest(h, 100), 100).readAllBytes()).asString().isEqualTo("abc");
    }

    @Test
    void pipelinedRequestsAreReadOneAfterAnotherWithTheirBodies() throws Exception {
        String wire = "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabcGET /2 HTTP/1.1\r\nHost: h\r\n\r\n";
        for (HttpInput in : new HttpInput[] {input(wire, LIMITS), aByteARead(wire)}) {
            RequestHead first = in.readRequestHead().orElseThrow();
            assertThat(in.body(BodyFraming.ofRequest(first, 10), 10).readAllBytes()).asString().isEqualTo("abc");
            assertThat(in.readRequestHead().orElseThrow().target()).isEqualTo("/2");
            assertThat(in.readRequestHead()).isEmpty();
        }
    }

    @Test
    void theEndBeforeAnyByteIsNoRequestButTheEndMidHeadIsA400() throws Exception {
        assertThat(input("", LIMITS).readRequestHead()).isEmpty();
        assertThat(status("GET / HTTP/1.1\r\nHost: h\r\n")).isEqualTo(400);
        assertThat(status("GET / HT")).isEqualTo(400);
    }

    @Test
    void http10KeepsTheConnectionOnlyWhenAsked() throws Exception {
        assertThat(head("GET / HTTP/1.0\r\n\r\n").keepAlive()).isFalse();
        assertThat(head("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive()).isTrue();
        assertThat(head("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").keepAlive()).isFalse();
    }

    @Test
    void anAbsoluteFormTargetHasItsPath() throws Exception {
        assertThat(head("GET http://example.org/p/q?r HTTP/1.1\r\nHost: example.org\r\n\r\n").path()).isEqualTo("/p/q");
        assertThat(head("GET http://example.org HTTP/1.1\r\nHost: example.org\r\n\r\n").path()).isEqualTo("/");
    }

    /** The request smuggling corpus and the malformed heads: each gets its status, never a second reading. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "CL.TE: both framings                     | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 4\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "TE.CL: both framings, other order        | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 4\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "two different Content-Lengths            | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd | 400",
        "a list of different lengths              | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3, 4\\r\\n\\r\\nabcd | 400",
        "a signed length                          | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: +3\\r\\n\\r\\nabc | 400",
        "a hex length                             | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 0x3\\r\\n\\r\\nabc | 400",
        "a length past Long                       | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n | 400",
        "TE other than chunked                    | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip, chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "TE chunked twice                         | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "TE with a vertical tab                   | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: \\vchunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "TE xchunked                              | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: xchunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "TE in HTTP/1.0                           | POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400",
        "chunk size overflow                      | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nffffffffffffffffff1\\r\\nx\\r\\n0\\r\\n\\r\\n | 400",
        "chunk size not hex                       | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\nx\\r\\n0\\r\\n\\r\\n | 400",
        "chunk size with a sign                   | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n-1\\r\\nx\\r\\n0\\r\\n\\r\\n | 400",
        "chunk data longer than its size          | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n1\\r\\nxx\\r\\n0\\r\\n\\r\\n | 400",
        "chunk size past the body limit           | POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n7fffffffffffffff\\r\\nx\\r\\n | 413",
        "obsolete line folding                    | GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: 1\\r\\n 2\\r\\n\\r\\n | 400",
        "folding with a tab                       | GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: 1\\r\\n\\t2\\r\\n\\r\\n | 400",
        "whitespace before the colon              | GET / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length : 0\\r\\n\\r\\n | 400",
        "a bad field name                         | GET / HTTP/1.1\\r\\nHost: h\\r\\nX(A): 1\\r\\n\\r\\n | 400",
        "an empty field name                      | GET / HTTP/1.1\\r\\nHost: h\\r\\n: 1\\r\\n\\r\\n | 400",
        "a field line without a colon             | GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A 1\\r\\n\\r\\n | 400",
        "a bare CR in a field                     | GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: 1\\r2\\r\\n\\r\\n | 400",
        "a bare CR in the request line            | GET /\\r HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n | 400",
        "a NUL in a value                         | GET / HTTP/1.1\\r\\nHost: h\\r\\nX-A: 1\\02\\r\\n\\r\\n | 400",
        "two spaces in the request line           | GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n | 400",
        "a tab in the request line                | GET\\t/ HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n | 400",
        "a space in the target                    | GET /a b HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n | 400",
        "no version                               | GET /\\r\\n\\r\\n | 400",
        "lower-case version                       | GET / http/1.1\\r\\nHost: h\\r\\n\\r\\n | 400",
        "HTTP/2.0                                 | GET / HTTP/2.0\\r\\nHost: h\\r\\n\\r\\n | 505",
        "HTTP/1.1 without Host                    | GET / HTTP/1.1\\r\\n\\r\\n | 400",
        "two Hosts                                | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n | 400",
        "a method that is no token                | G@T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n | 400",
        "a body past the limit                    | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 2000000\\r\\n\\r\\n | 413",
        "equal duplicate lengths are one          | POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\nabc | 200",
        "one empty line before the request        | \\r\\nGET / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n | 200",
    })
    void eachMalformedRequestGetsItsStatus(String name, String wire, int status) {
        assertThat(status(unescape(wire))).as(name).isEqualTo(status);
    }

    @Test
    void theRequestLineLimitCountsItsCrlfAndAnswers414() {
        HeadLimits limits = new HeadLimits(32, 1024, 10);
        String target = "/" + "a".repeat(32 - "GET  HTTP/1.1\r\n".length() - 1);
        String exact = "GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n";
        assertThatCode(exact, limits).isEqualTo(200);
        assertThatCode("GET " + target + "a HTTP/1.1\r\nHost: h\r\n\r\n", limits).isEqualTo(414);
    }

    @Test
    void theFieldLimitsCountBytesWithTheirCrlfsAndFieldsAndAnswer431() {
        HeadLimits limits = new HeadLimits(64, 20, 2);
        // "Host: h\r\n" is 9 bytes, "X-A: 1234\r\n" 11: 20 in all, exactly the limit.
        assertThatCode("GET / HTTP/1.1\r\nHost: h\r\nX-A: 1234\r\n\r\n", limits).isEqualTo(200);
        assertThatCode("GET / HTTP/1.1\r\nHost: h\r\nX-A: 12345\r\n\r\n", limits).isEqualTo(431);
        assertThatCode("GET / HTTP/1.1\r\nHost: h\r\nA: 1\r\nB: 2\r\n\r\n", new HeadLimits(64, 100, 2)).isEqualTo(431);
    }

    @Test
    void aHeadTrickledAByteAReadIsReadAsAWholeOne() throws Exception {
        HttpInput in = aByteARead("GET /slow HTTP/1.1\r\nHost: h\r\nX-A: 1\r\n\r\n");
        assertThat(in.readRequestHead().orElseThrow().fields().first("X-A")).contains("1");
    }

    @Test
    void aChunkedBodyIsDecodedWithExtensionsAndTrailers() throws Exception {
        String wire = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n";
        HttpInput in = input(wire, LIMITS);
        RequestHead h = in.readRequestHead().orElseThrow();
        assertThat(new String(in.body(BodyFraming.ofRequest(h, 100), 100).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("Wikipedia in\r\n\r\nchunks.");
    }

    @Test
    void aChunkedBodyPastTheLimitIs413WhenTheLimitIsPassed() throws Exception {
        HttpInput in = input("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde\r\n5\r\nfghij\r\n0\r\n\r\n", LIMITS);
        RequestHead h = in.readRequestHead().orElseThrow();
        InputStream body = in.body(BodyFraming.ofRequest(h, 8), 8);
        assertThatThrownBy(body::readAllBytes).isInstanceOfSatisfying(BadBodyException.class,
                e -> assertThat(e.httpException().status()).isEqualTo(413));
    }

    @Test
    void aCutBodyIsAnEofNotAShortBody() throws Exception {
        HttpInput in = input("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc", LIMITS);
        RequestHead h = in.readRequestHead().orElseThrow();
        assertThatThrownBy(() -> in.body(BodyFraming.ofRequest(h, 100), 100).readAllBytes()).isInstanceOf(EOFException.class);
    }

    @Test
    void aResponseHeadAndItsFramingAreReadAsAClientMust() throws Exception {
        HttpInput in = input("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiHTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.0 200\r\n\r\nrest", HeadLimits.forResponses());
        ResponseHead first = in.readResponseHead();
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.reason()).isEqualTo("OK");
        assertThat(in.body(BodyFraming.ofResponse("GET", first), 100).readAllBytes()).asString().isEqualTo("hi");
        ResponseHead second = in.readResponseHead();
        assertThat(BodyFraming.ofResponse("GET", second)).isEqualTo(new BodyFraming.None());
        ResponseHead third = in.readResponseHead();
        assertThat(third.reason()).isEmpty();
        assertThat(third.keepAlive()).isFalse();
        assertThat(in.body(BodyFraming.ofResponse("GET", third), 100).readAllBytes()).asString().isEqualTo("rest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1  200 OK\r\n\r\n", "SSH-2.0-OpenSSH\r\n\r\n"})
    void aMalformedStatusLineIs502(String wire) {
        assertThatThrownBy(() -> input(wire, HeadLimits.forResponses()).readResponseHead())
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(502));
    }

    @Test
    void bytesAfterAHeadAreReadFirstByWhateverReadsOn() throws Exception {
        HttpInput in = input("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi", LIMITS);
        assertThat(in.readRequestHead()).map(RequestHead::path).isEqualTo(Optional.of("/ws"));
        assertThat(in.hasBuffered()).isTrue();
        ByteBuffer rest = ByteBuffer.allocate(10);
        assertThat(in.read(rest)).isEqualTo(4);
    }

    private static org.assertj.core.api.AbstractIntegerAssert<?> assertThatCode(String wire, HeadLimits limits) {
        int code;
        try {
            input(wire, limits).readRequestHead().orElseThrow();
            code = 200;
        } catch (HttpException e) {
            code = e.status();
        } catch (IOException e) {
            code = -1;
        }
        return assertThat(code);
    }

    /** The corpus writes CR, LF, tab, NUL and VT as escapes, so that each case stays on its line. */
    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\v", "\u000b")
                .replace("\\0", "\u0000");
    }
}
