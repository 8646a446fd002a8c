package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.http.Fields;
import dev.socklab.testing.PythonHttpServer;
import dev.socklab.testing.ScriptedServer;
import dev.socklab.trace.Tracer;

/** {@link HttpClient} against servers scripted on raw sockets, for what a good server never sends, and against Python's. */
@Timeout(30)
class HttpClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aContentLengthBodyIsReadWholeAndTheHeadParsed() throws Exception {
        AtomicReference<String> request = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            request.set(ScriptedServer.readHead(client));
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Lab: yes\r\n\r\nhello");
        })) {
            Received got = get(server, "/path?q=1");

            assertThat(got.status).isEqualTo(200);
            assertThat(got.body).isEqualTo("hello");
            assertThat(got.response.head().fields().first("X-Lab")).contains("yes");
            assertThat(got.response.bodyLength()).hasValue(5);
        }
        assertThat(request.get()).startsWith("GET /path?q=1 HTTP/1.1\r\nHost: 127.0.0.1:")
                .contains("\r\nConnection: close\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void aChunkedBodyIsDecoded() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
        })) {
            Received got = get(server, "/");

            assertThat(got.body).isEqualTo("hello, world");
            assertThat(got.response.bodyLength()).isEmpty();
        }
    }

    @Test
    void aBodyWithoutLengthEndsWhenTheServerCloses() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.0 200 OK\r\n\r\nuntil the close");
        })) {
            assertThat(get(server, "/").body).isEqualTo("until the close");
        }
    }

    @Test
    void aBodyCutShortOfItsLengthFailsSayingSo() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf");
        })) {
            assertThatThrownBy(() -> get(server, "/")).isInstanceOf(EOFException.class)
                    .hasMessageContaining("6 bytes short");
        }
    }

    @Test
    void aMalformedStatusLineIsABadResponse() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "SSH-2.0-OpenSSH_9.2\r\n");
        })) {
            assertThatThrownBy(() -> get(server, "/")).isInstanceOf(BadResponseException.class)
                    .hasMessageStartingWith("the server's response is malformed: not an HTTP status line");
        }
    }

    @Test
    void aMalformedChunkIsABadResponse() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        })) {
            assertThatThrownBy(() -> get(server, "/")).isInstanceOf(BadResponseException.class)
                    .hasMessageContaining("chunk");
        }
    }

    @Test
    void twoDifferentContentLengthsAreABadResponse() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
        })) {
            assertThatThrownBy(() -> get(server, "/")).isInstanceOf(BadResponseException.class)
                    .hasMessageContaining("Content-Length");
        }
    }

    @Test
    void aBodyPastTheLimitStopsTheCopyWithWhatCameBefore() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789");
        })) {
            try (ClientConnection conn = connect(server)) {
                HttpResponse response = HttpClient.exchange(conn, request("GET", server, "/", new HttpRequest.NoBody()),
                        TIMEOUT);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThatThrownBy(() -> response.transferTo(out, 4, copied -> { }))
                        .isInstanceOf(BodyTooLargeException.class);
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("0123");
            }
        }
    }

    @Test
    void interimResponsesBeforeTheFinalOneAreSkipped() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                    + "HTTP/1.1 204 No Content\r\n\r\n");
        })) {
            Received got = get(server, "/");
            assertThat(got.status).isEqualTo(204);
            assertThat(got.body).isEmpty();
        }
    }

    @Test
    void anUploadWaitsForContinueThenSendsTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("up.txt"), "the file's bytes");
        AtomicReference<String> received = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            String head = ScriptedServer.readHead(client);
            assertThat(head).contains("\r\nExpect: 100-continue\r\n").contains("\r\nContent-Length: 16\r\n");
            ScriptedServer.write(client, "HTTP/1.1 100 Continue\r\n\r\n");
            byte[] body = new byte[16];
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
            while (in.hasRemaining() && client.read(in) >= 0) {
                // the body, as long as its Content-Length
            }
            received.set(new String(body, StandardCharsets.UTF_8));
            ScriptedServer.write(client, "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
        })) {
            Received got = exchange(server, request("PUT", server, "/up.txt", new HttpRequest.Upload(file, 16)));

            assertThat(got.status).isEqualTo(201);
        }
        assertThat(received.get()).isEqualTo("the file's bytes");
    }

    @Test
    void anUploadTheServerRefusesAtOnceIsNotSent() throws Exception {
        Path file = Files.writeString(dir.resolve("big.bin"), "x".repeat(100_000));
        AtomicReference<byte[]> afterHead = new AtomicReference<>();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 413 Content Too Large\r\nContent-Length: 8\r\n\r\ntoo big\n");
            client.shutdownOutput();
            afterHead.set(ScriptedServer.readToEnd(client));
        })) {
            Received got = exchange(server, request("PUT", server, "/big.bin", new HttpRequest.Upload(file, 100_000)));

            assertThat(got.status).isEqualTo(413);
            assertThat(got.body).isEqualTo("too big\n");
        }
        assertThat(afterHead.get()).as("bytes sent after the head").isEmpty();
    }

    @Test
    void anUploadToAServerThatSaysNothingGoesAfterASecond() throws Exception {
        Path file = Files.writeString(dir.resolve("up.txt"), "late");
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            byte[] body = new byte[4];
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
            while (in.hasRemaining() && client.read(in) >= 0) {
                // waiting, as a server that knows no Expect does, for the body
            }
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n" + new String(body,
                    StandardCharsets.UTF_8));
        })) {
            long start = System.nanoTime();
            Received got = exchange(server, request("PUT", server, "/", new HttpRequest.Upload(file, 4)));

            assertThat(got.body).isEqualTo("late");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(HttpClient.CONTINUE_WAIT);
        }
    }

    @Test
    void theTraceShowsEachLineOfBothHeads() throws Exception {
        TraceLines trace = new TraceLines();
        try (ScriptedServer server = ScriptedServer.start(client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nX-Long-Field-Name-Past-The-Preview: "
                    + "a value longer than a trace line's preview\r\nContent-Length: 0\r\n\r\n");
        })) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", server.port(), List.of(address), TIMEOUT,
                    trace.tracer(), "http")) {
                HttpClient.exchange(conn, request("GET", server, "/", new HttpRequest.NoBody()), TIMEOUT);
            }
        }
        assertThat(trace.lines()).anyMatch(line -> line.endsWith("trace http       > GET / HTTP/1.1"))
                .anyMatch(line -> line.endsWith("> Connection: close"))
                .anyMatch(line -> line.endsWith("< HTTP/1.1 200 OK"))
                .anyMatch(line -> line.endsWith("< X-Long-Field-Name-Past-The-Preview: a value longer than a trace"
                        + " line's preview"));
    }

    @Test
    void aUnixSocketServerIsReachedAsATcpOne() throws Exception {
        Path socket = dir.resolve("http.sock");
        try (ScriptedServer server = ScriptedServer.startUnix(socket, client -> {
            ScriptedServer.readHead(client);
            ScriptedServer.write(client, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nunix");
        })) {
            try (ClientConnection conn = ClientConnection.connect(UnixDomainSocketAddress.of(socket), TIMEOUT,
                    Tracer.off(), "http")) {
                HttpRequest get = new HttpRequest("GET", HttpUrl.parse("http://localhost/"), new HttpRequest.NoBody(),
                        Fields.none(), "socklab/test");
                assertThat(body(HttpClient.exchange(conn, get, TIMEOUT))).isEqualTo("unix");
            }
        }
    }

    @Test
    void pythonsServerGivesAFileByteForByteAndA404() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        byte[] bytes = new byte[300_000];
        new java.util.Random(14).nextBytes(bytes);
        Files.write(www.resolve("blob.bin"), bytes);
        try (PythonHttpServer python = PythonHttpServer.serve(www)) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), python.port());
            List<Long> progress = new ArrayList<>();
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", python.port(), List.of(address), TIMEOUT,
                    Tracer.off(), "http")) {
                HttpResponse response = HttpClient.exchange(conn, new HttpRequest("GET",
                        HttpUrl.parse(python.url("/blob.bin")), new HttpRequest.NoBody(), Fields.none(), "socklab/test"),
                        TIMEOUT);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertThat(response.transferTo(out, Long.MAX_VALUE, progress::add)).isEqualTo(bytes.length);
                assertThat(response.bodyLength()).hasValue(bytes.length);
                assertThat(out.toByteArray()).isEqualTo(bytes);
                assertThat(progress).isSorted().last().isEqualTo((long) bytes.length);
            }
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", python.port(), List.of(address), TIMEOUT,
                    Tracer.off(), "http")) {
                HttpResponse missing = HttpClient.exchange(conn, new HttpRequest("GET",
                        HttpUrl.parse(python.url("/nothing")), new HttpRequest.NoBody(), Fields.none(), "socklab/test"),
                        TIMEOUT);
                assertThat(missing.status()).isEqualTo(404);
                assertThat(body(missing)).contains("404");
            }
        }
    }

    private record Received(int status, String body, HttpResponse response) {
    }

    private static Received get(ScriptedServer server, String path) throws IOException {
        return exchange(server, request("GET", server, path, new HttpRequest.NoBody()));
    }

    private static Received exchange(ScriptedServer server, HttpRequest request) throws IOException {
        try (ClientConnection conn = connect(server)) {
            HttpResponse response = HttpClient.exchange(conn, request, TIMEOUT);
            return new Received(response.status(), body(response), response);
        }
    }

    private static String body(HttpResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.transferTo(out, Long.MAX_VALUE, copied -> { });
        return out.toString(StandardCharsets.UTF_8);
    }

    private static HttpRequest request(String method, ScriptedServer server, String path, HttpRequest.Body body)
            throws IOException {
        return new HttpRequest(method, HttpUrl.parse("http://127.0.0.1:" + server.port() + path), body, Fields.none(),
                "socklab/test");
    }

    private static ClientConnection connect(ScriptedServer server) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
        return ClientConnection.connect("127.0.0.1", server.port(), List.of(address), TIMEOUT, Tracer.off(), "http");
    }
}
