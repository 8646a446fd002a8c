package dev.socklab.services.http.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.RequestHead;
import dev.socklab.testing.EmbeddedConnection;
import dev.socklab.websocket.FrameWriter;
import dev.socklab.websocket.Message;
import dev.socklab.websocket.MessageReader;
import dev.socklab.websocket.Opcode;
import dev.socklab.websocket.Role;

/** The /ws echo's protocol over an in-memory connection: the handshake, the echoes, the closes. */
@Timeout(10)
class WebSocketEchoProtocolTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final int MASK = 0x37fa213d;

    @Test
    void theUpgradeAnswersWithTheAcceptForTheKey() throws Exception {
        MemoryExchange exchange = upgradeWith(new EmbeddedConnection().closeInput());

        new WebSocketEcho(1024).handle(exchange);

        assertThat(exchange.status).isEqualTo(101);
        assertThat(exchange.fields.first("Sec-WebSocket-Accept")).contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(exchange.fields.hasToken("Upgrade", "websocket")).isTrue();
    }

    @Test
    void textBinaryAndFragmentsComeBackWholeAPingGetsItsPongAndTheCloseIsEchoed() throws Exception {
        EmbeddedConnection conn = new EmbeddedConnection()
                .send(frame(Opcode.TEXT, true, "Hello"))
                .send(frame(Opcode.BINARY, true, "\u0000\u0001\u00ff"))
                .send(frame(Opcode.TEXT, false, "frag"))
                .send(frame(Opcode.PING, true, "are you there"))
                .send(frame(Opcode.CONTINUATION, true, "ments"))
                .send(frame(Opcode.PONG, true, "unasked"))
                .send(FrameWriter.clientFrame(Opcode.CLOSE, true, ByteBuffer.wrap(new byte[] {0x03, (byte) 0xe8, 'o', 'k'}), MASK).array())
                .send(frame(Opcode.TEXT, true, "after the close"))
                .closeInput();

        new WebSocketEcho(1024).handle(upgradeWith(conn));

        assertThat(received(conn)).containsExactly(
                new Message.Text("Hello"),
                new Message.Binary(ByteBuffer.wrap("\u0000\u0001\u00ff".getBytes(StandardCharsets.ISO_8859_1))),
                new Message.Pong(ascii("are you there")),
                new Message.Text("fragments"),
                new Message.Close(1000, "ok"));
    }

    @Test
    void unmaskedFramesBadTextAndMessagesPastTheLimitEachCloseWithTheirCode() throws Exception {
        assertThat(closeFor(FrameWriter.serverFrame(Opcode.TEXT, true, ascii("Hi")).array(), 1024)).isEqualTo(1002);
        assertThat(closeFor(FrameWriter.clientFrame(Opcode.TEXT, true, ByteBuffer.wrap(new byte[] {(byte) 0xc0, (byte) 0xaf}), MASK).array(), 1024))
                .isEqualTo(1007);
        assertThat(closeFor(frame(Opcode.BINARY, true, "x".repeat(1025)), 1024)).isEqualTo(1009);
        assertThat(closeFor(HexFormat.of().parseHex("82ff7fffffffffffffff37fa213d"), 1024 * 1024)).isEqualTo(1009);
    }

    @Test
    void aCloseWithoutACodeIsAnsweredWithoutOne() throws Exception {
        EmbeddedConnection conn = new EmbeddedConnection().send(frame(Opcode.CLOSE, true, "")).closeInput();

        new WebSocketEcho(1024).handle(upgradeWith(conn));

        assertThat(conn.written()).isEqualTo(new byte[] {(byte) 0x88, 0x00});
    }

    @Test
    void aStoppingServerSendsGoingAwayAndNothingAfterIt() throws Exception {
        EmbeddedConnection conn = new EmbeddedConnection();
        WebSocketEcho echo = new WebSocketEcho(1024);
        echo.stopping();
        conn.send(frame(Opcode.TEXT, true, "too late")).send(frame(Opcode.CLOSE, true, "")).closeInput();

        echo.handle(upgradeWith(conn));

        assertThat(received(conn)).containsExactly(new Message.Close(1001, "server stopping"));
    }

    @Test
    void aPlainGetIsToldToUpgradeAndABadKeyIsA400() throws Exception {
        MemoryExchange plain = new MemoryExchange(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of("Host", "h")),
                new EmbeddedConnection());

        new WebSocketEcho(1024).handle(plain);

        assertThat(plain.status).isEqualTo(426);
        assertThat(plain.fields.first("Sec-WebSocket-Version")).contains("13");
        assertThat(new String(plain.body, StandardCharsets.UTF_8)).contains("Upgrade: websocket");
        MemoryExchange badKey = new MemoryExchange(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of(
                "Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", "x")),
                new EmbeddedConnection());
        assertThatThrownBy(() -> new WebSocketEcho(1024).handle(badKey))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static int closeFor(byte[] frame, int maxMessage) throws Exception {
        EmbeddedConnection conn = new EmbeddedConnection().send(frame).closeInput();
        new WebSocketEcho(maxMessage).handle(upgradeWith(conn));
        List<Message> received = received(conn);
        assertThat(received).hasSize(1).first().isInstanceOf(Message.Close.class);
        return ((Message.Close) received.getFirst()).code();
    }

    private static MemoryExchange upgradeWith(EmbeddedConnection conn) {
        return new MemoryExchange(new RequestHead("GET", "/ws", HttpVersion.HTTP_1_1, Fields.of(
                "Host", "localhost", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Version", "13", "Sec-WebSocket-Key", KEY)), conn);
    }

    private static List<Message> received(EmbeddedConnection conn) throws IOException {
        MessageReader reader = new MessageReader(ByteSource.of(ByteBuffer.wrap(conn.written())), Role.CLIENT, Integer.MAX_VALUE);
        List<Message> messages = new ArrayList<>();
        Optional<Message> next;
        while ((next = reader.read()).isPresent()) {
            messages.add(next.get());
        }
        return messages;
    }

    private static byte[] frame(Opcode op, boolean fin, String payload) {
        return FrameWriter.clientFrame(op, fin, ascii(payload), MASK).array();
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
