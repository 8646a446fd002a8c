package dev.socklab.services.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.BodyFraming;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpInput;
import dev.socklab.http.ResponseHead;
import dev.socklab.rpc.RpcException;
import dev.socklab.rpc.RpcLimits;
import dev.socklab.rpc.XmlRpc;
import dev.socklab.rpc.XmlRpcCodec;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** {@code POST /RPC2} on real sockets: calls on a kept-alive connection, and the HTTP answers to what is no call. */
@Timeout(30)
class XmlRpcRouteTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long HUNDRED_MIB = 100L << 20;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** An http service with {@code /RPC2} alone, taking bodies up to {@code maxBody}. */
    private Endpoint serve(long maxBody) {
        HttpSettings d = HttpSettings.defaults();
        HttpSettings settings = new HttpSettings(d.root(), d.upload(), d.maxRequestLine(), d.maxHeadBytes(),
                d.maxFields(), maxBody, d.headTimeout(), d.requestTimeout(), d.keepAliveTimeout(), d.wsMaxMessage());
        XmlRpc rpc = new XmlRpc(TestMethods.table(), RpcLimits.DEFAULTS);
        return servers.stream("http", new HttpService(settings, new Router().exact("/RPC2", new XmlRpcRoute(rpc))),
                StreamTransport.TCP_IPV4.endpoint(dir));
    }

    @Test
    void manyCallsAreAnsweredOnOneKeptAliveConnectionUncompressed() throws Exception {
        try (Client client = new Client(serve(HttpSettings.defaults().maxBody()))) {
            int port = -1;
            for (int i = 0; i < 100; i++) {
                byte[] call = XmlRpcCodec.encodeCall(i % 2 == 0 ? "add" : "peer.port",
                        i % 2 == 0 ? List.of(JsonNodeFactory.instance.numberNode(i), JsonNodeFactory.instance.numberNode(1))
                                : List.of());
                client.post(call, "Accept-Encoding: gzip\r\n");
                ResponseHead head = client.head();
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.fields().first("Content-Type")).contains("text/xml");
                assertThat(head.fields().first("Content-Encoding")).isEmpty();
                assertThat(head.fields().first("Connection")).isEmpty();
                JsonNode result = XmlRpcCodec.decodeResponse(client.body(head));
                if (i % 2 == 0) {
                    assertThat(result.intValue()).isEqualTo(i + 1);
                } else {
                    port = port < 0 ? result.intValue() : port;
                    assertThat(result.intValue()).as("the caller's port, call " + i).isEqualTo(port);
                }
            }
        }
    }

    @Test
    void aFaultIsAnsweredWith200AndTheConnectionStaysOpen() throws Exception {
        try (Client client = new Client(serve(HttpSettings.defaults().maxBody()))) {
            client.post("<?xml version=\"1.0\"?><!DOCTYPE x><methodCall/>".getBytes(StandardCharsets.UTF_8), "");
            ResponseHead head = client.head();
            byte[] body = client.body(head);
            assertThat(head.status()).isEqualTo(200);
            assertThatThrownBy(() -> XmlRpcCodec.decodeResponse(body)).isInstanceOfSatisfying(RpcException.class,
                    e -> assertThat(e.code()).isEqualTo(-32700));
            client.post(XmlRpcCodec.encodeCall("add", List.of(JsonNodeFactory.instance.numberNode(2),
                    JsonNodeFactory.instance.numberNode(3))), "");
            assertThat(XmlRpcCodec.decodeResponse(client.body(client.head())).intValue()).isEqualTo(5);
        }
    }

    @Test
    void anotherMethodIs405AllowingPost() throws Exception {
        try (Client client = new Client(serve(HttpSettings.defaults().maxBody()))) {
            client.raw.send("GET /RPC2 HTTP/1.1\r\nHost: h\r\n\r\n");
            ResponseHead head = client.head();
            client.body(head);
            assertThat(head.status()).isEqualTo(405);
            assertThat(head.fields().first("Allow")).contains("POST");
        }
    }

    @Test
    void aCompressedRequestIs415() throws Exception {
        try (Client client = new Client(serve(HttpSettings.defaults().maxBody()))) {
            client.post(new byte[] {31, -117, 8, 0}, "Content-Encoding: gzip\r\n");
            ResponseHead head = client.head();
            client.body(head);
            assertThat(head.status()).isEqualTo(415);
        }
    }

    @Test
    void a100MibRequestIsRefusedByItsLengthWithoutWaitingForItsBody() throws Exception {
        // The http service would take it: the route's own limit, 1 MiB, refuses it.
        try (Client client = new Client(serve(200L << 20))) {
            client.raw.send("POST /RPC2 HTTP/1.1\r\nHost: h\r\nContent-Type: text/xml\r\nContent-Length: "
                    + HUNDRED_MIB + "\r\n\r\n<?xml version='1.0'?>");
            ResponseHead head = client.head();
            assertThat(head.status()).isEqualTo(413);
            assertThat(new String(client.body(head), StandardCharsets.UTF_8)).contains("more than the 1048576");
            assertThat(client.raw.closedWithin(WAIT)).isTrue();
        }
    }

    @Test
    void a100MibChunkedRequestIsRefusedOnceItPassesTheLimitAndTheRestIsNeverRead() throws Exception {
        try (Client client = new Client(serve(200L << 20))) {
            client.raw.send("POST /RPC2 HTTP/1.1\r\nHost: h\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n");
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < HUNDRED_MIB) {
                        client.raw.send(chunk);
                        sent.addAndGet(0x10000);
                    }
                } catch (IOException e) {
                    // The server closed: what the test waits for.
                }
            });
            ResponseHead head = client.head();
            assertThat(head.status()).isEqualTo(413);
            sending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(sent.get()).isLessThan(HUNDRED_MIB / 4);
        }
    }

    /** A client on a raw socket: POSTs to /RPC2 and reads responses with socklab's own HTTP parser. */
    private static final class Client implements AutoCloseable {
        final RawClient raw;
        private final HttpInput input;

        Client(Endpoint endpoint) throws IOException {
            raw = RawClient.connect(endpoint);
            input = new HttpInput(new ByteSource() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    return raw.read(dst, WAIT);
                }

                @Override
                public int read(ByteBuffer dst, Duration wait) throws IOException {
                    return raw.read(dst, wait);
                }
            }, HeadLimits.forResponses());
        }

        void post(byte[] body, String fields) throws IOException {
            byte[] head = ("POST /RPC2 HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: Python-xmlrpc/3\r\n"
                    + "Content-Type: text/xml\r\n" + fields + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            // One send, as Python's http.client does: a second small one would wait out Nagle and delayed ACK.
            raw.send(ByteBuffer.allocate(head.length + body.length).put(head).put(body).array());
        }

        ResponseHead head() throws Exception {
            return input.readResponseHead();
        }

        byte[] body(ResponseHead head) throws Exception {
            try (InputStream body = input.body(BodyFraming.ofResponse("POST", head), Long.MAX_VALUE)) {
                return body.readAllBytes();
            }
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
