package dev.socklab.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * {@link MessageReader}, the WebSocket frame decoder, in memory: whatever a peer sends, the reader
 * gives messages within the limits (a data message within the message limit, a control frame within
 * 125 bytes, a close code that may be sent, text that is UTF-8) or an invalid message with 1002, 1007
 * or 1009, and throws nothing. The first byte picks the reading end (its top bit: a client) and the
 * message limit (its other bits times 16: 0 to 2032 bytes). Each input is read whole and a byte a
 * read, with the same result; what was read, written again by the peer's writer, reads back the same.
 */
class MessageReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void readGivesMessagesWithinTheLimitsOrAnInvalidOneWithItsCode(byte[] data) throws IOException {
        if (data.length == 0) {
            return;
        }
        Role role = (data[0] & 0x80) != 0 ? Role.CLIENT : Role.SERVER;
        int limit = (data[0] & 0x7F) * 16;
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);

        List<Message> messages = Frames.readAll(Frames.whole(stream), role, limit);

        assertThat(Frames.readAll(Frames.aByteARead(stream), role, limit)).isEqualTo(messages);
        for (Message m : messages) {
            switch (m) {
                case Message.Text t -> assertThat(t.text().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit);
                case Message.Binary b -> assertThat(b.payload().remaining()).isLessThanOrEqualTo(limit);
                case Message.Ping p -> assertThat(p.payload().remaining()).isLessThanOrEqualTo(125);
                case Message.Pong p -> assertThat(p.payload().remaining()).isLessThanOrEqualTo(125);
                case Message.Close c -> {
                    assertThat(CloseCodes.mayBeSent(c.code()) || c.code() == CloseCodes.NO_STATUS).isTrue();
                    assertThat(c.reason().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(123);
                }
                case Message.Invalid i -> assertThat(i.code()).isIn(1002, 1007, 1009);
            }
        }
        List<Message> valid = messages.stream().filter(m -> !(m instanceof Message.Invalid)).toList();
        assertThat(Frames.readAll(Frames.whole(writtenAgain(valid, role)), role, limit)).isEqualTo(valid);
    }

    /** {@code messages} as the peer of {@code role} writes them. */
    private static byte[] writtenAgain(List<Message> messages, Role role) throws IOException {
        List<byte[]> frames = new ArrayList<>();
        FrameWriter peer = new FrameWriter(role == Role.SERVER ? Role.CLIENT : Role.SERVER, f -> frames.add(Frames.bytes(f)));
        for (Message m : messages) {
            switch (m) {
                case Message.Text t -> peer.text(t.text());
                case Message.Binary b -> peer.binary(b.payload());
                case Message.Ping p -> peer.ping(p.payload());
                case Message.Pong p -> peer.pong(p.payload());
                case Message.Close c -> peer.close(c.code(), c.reason());
                case Message.Invalid i -> throw new AssertionError(i);
            }
        }
        return Frames.concat(frames.toArray(byte[][]::new));
    }
}
