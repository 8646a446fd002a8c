package dev.socklab.services.http.websocket;

import static dev.socklab.services.http.websocket.WsTestClient.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.http.HttpService;
import dev.socklab.services.http.HttpSettings;
import dev.socklab.services.http.Router;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.Opcode;

/** /ws on a real http service, over real sockets, with a client that writes its frames by hand. */
@Timeout(30)
class WebSocketEchoTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void textBinaryAndFragmentsComeBackPingsArePongedAndTheCloseIsEchoedThenTheConnectionEnds(StreamTransport transport)
            throws Exception {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), transport.endpoint(dir));
        byte[] binary = {0, 1, 2, (byte) 0xff};
        try (WsTestClient client = WsTestClient.open(http)) {
            client.send(frame(Opcode.TEXT, true, "héllo"));
            assertThat(client.next()).isEqualTo(new Message.Text("héllo"));
            client.send(frame(Opcode.BINARY, true, binary));
            assertThat(client.next()).isEqualTo(new Message.Binary(ByteBuffer.wrap(binary)));
            client.send(frame(Opcode.TEXT, false, "frag"));
            client.send(frame(Opcode.PING, true, "in between"));
            assertThat(client.next()).isEqualTo(new Message.Pong(ascii("in between")));
            client.send(frame(Opcode.CONTINUATION, true, "ments"));
            assertThat(client.next()).isEqualTo(new Message.Text("fragments"));
            client.send(frame(Opcode.CLOSE, true, closePayload(1000, "done")));
            assertThat(client.next()).isEqualTo(new Message.Close(1000, "done"));
            assertThat(client.endsHere()).isTrue();
        }
    }

    @Test
    void framesSentWithTheHandshakeBeforeThe101AreEchoedToo() throws Exception {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir));
        byte[] text = frame(Opcode.TEXT, true, "early");
        byte[] ping = frame(Opcode.PING, true, "p");
        byte[] early = ByteBuffer.allocate(text.length + ping.length).put(text).put(ping).array();

        try (WsTestClient client = WsTestClient.open(http, "/ws", early)) {
            assertThat(client.next()).isEqualTo(new Message.Text("early"));
            assertThat(client.next()).isEqualTo(new Message.Pong(ascii("p")));
        }
    }

    @Test
    void aFrameClaiming2To63BytesIsClosedWith1009AndTheServerServesTheOthers() throws Exception {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir));
        try (WsTestClient bystander = WsTestClient.open(http); WsTestClient attacker = WsTestClient.open(http)) {
            attacker.send(HexFormat.of().parseHex("82ff7fffffffffffffff37fa213d"));
            assertThat(attacker.next()).isInstanceOfSatisfying(Message.Close.class, c -> assertThat(c.code()).isEqualTo(1009));
            assertThat(attacker.endsHere()).isTrue();

            bystander.send(frame(Opcode.TEXT, true, "still here"));
            assertThat(bystander.next()).isEqualTo(new Message.Text("still here"));
        }
        try (WsTestClient after = WsTestClient.open(http)) {
            after.send(frame(Opcode.TEXT, true, "and after"));
            assertThat(after.next()).isEqualTo(new Message.Text("and after"));
        }
    }

    @Test
    void unmaskedFramesBadUtf8AndMessagesPastWsMaxMessageCloseWith1002And1007And1009() throws Exception {
        HttpSettings d = HttpSettings.defaults();
        HttpSettings small = new HttpSettings(d.root(), d.upload(), d.maxRequestLine(), d.maxHeadBytes(), d.maxFields(),
                d.maxBody(), d.headTimeout(), d.requestTimeout(), d.keepAliveTimeout(), 1024);
        Endpoint http = servers.stream("http", HttpService.of(small), StreamTransport.TCP_IPV4.endpoint(dir));

        assertThat(closeCodeFor(http, FrameWriter.serverFrame(Opcode.TEXT, true, ascii("unmasked")).array())).isEqualTo(1002);
        assertThat(closeCodeFor(http, frame(Opcode.TEXT, true, new byte[] {'o', 'k', (byte) 0xc0, (byte) 0xaf}))).isEqualTo(1007);
        byte[] first = frame(Opcode.BINARY, false, new byte[1000]);
        byte[] past = frame(Opcode.CONTINUATION, true, new byte[25]);
        assertThat(closeCodeFor(http, ByteBuffer.allocate(first.length + past.length).put(first).put(past).array()))
                .isEqualTo(1009);
        try (WsTestClient client = WsTestClient.open(http)) {
            client.send(frame(Opcode.BINARY, true, new byte[1024]));
            assertThat(client.next()).isEqualTo(new Message.Binary(ByteBuffer.allocate(1024)));
        }
    }

    @Test
    void aPlainGetIsToldToUpgradeWithTheVersionSpoken() throws Exception {
        Endpoint http = servers.stream("http", HttpService.of(HttpSettings.defaults()), StreamTransport.TCP_IPV4.endpoint(dir));
        try (RawClient client = RawClient.connect(http)) {
            client.send("GET /ws HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            String response = client.readAll(WAIT);

            assertThat(response).startsWith("HTTP/1.1 426 Upgrade Required\r\n").contains("\r\nSec-WebSocket-Version: 13\r\n",
                    "\r\nUpgrade: websocket\r\n");
        }
    }

    @Test
    void aStoppingServerSendsEachOpenWebSocketGoingAwayAndItEndsOnTheClientsClose() throws Exception {
        WebSocketEcho echo = new WebSocketEcho(1024);
        Endpoint http = servers.stream("http", new HttpService(HttpSettings.defaults(), new Router().exact("/ws", echo)),
                StreamTransport.TCP_IPV4.endpoint(dir));
        try (WsTestClient client = WsTestClient.open(http)) {
            client.send(frame(Opcode.TEXT, true, "before"));
            assertThat(client.next()).isEqualTo(new Message.Text("before"));

            echo.stopping();

            assertThat(client.next()).isEqualTo(new Message.Close(1001, "server stopping"));
            client.send(frame(Opcode.TEXT, true, "too late"));
            client.send(frame(Opcode.CLOSE, true, closePayload(1001, "")));
            assertThat(client.endsHere()).isTrue();
        }
    }

    private static int closeCodeFor(Endpoint http, byte[] frames) throws Exception {
        try (WsTestClient client = WsTestClient.open(http)) {
            client.send(frames);
            Message answer = client.next();
            assertThat(answer).isInstanceOf(Message.Close.class);
            assertThat(client.endsHere()).isTrue();
            return ((Message.Close) answer).code();
        }
    }

    private static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
