package dev.socklab.websocket;

import static dev.socklab.websocket.Frames.bytes;
import static dev.socklab.websocket.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Frames written byte for byte as RFC 6455 §5.7 shows them, and what each end's writer sends. */
class FrameWriterTest {
    private static final int RFC_MASK = 0x37fa213d;

    @Test
    void theRfcsExamplesAreWrittenByteForByte() {
        ByteBuffer hello = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII));

        assertThat(bytes(FrameWriter.serverFrame(Opcode.TEXT, true, hello))).isEqualTo(hex("81 05 48656c6c6f"));
        assertThat(bytes(FrameWriter.clientFrame(Opcode.TEXT, true, hello, RFC_MASK)))
                .isEqualTo(hex("81 85 37fa213d 7f9f4d5158"));
        assertThat(bytes(FrameWriter.serverFrame(Opcode.TEXT, false, ByteBuffer.wrap(new byte[] {'H', 'e', 'l'}))))
                .isEqualTo(hex("01 03 48656c"));
        assertThat(bytes(FrameWriter.serverFrame(Opcode.CONTINUATION, true, ByteBuffer.wrap(new byte[] {'l', 'o'}))))
                .isEqualTo(hex("80 02 6c6f"));
        assertThat(bytes(FrameWriter.serverFrame(Opcode.PING, true, hello))).isEqualTo(hex("89 05 48656c6c6f"));
        assertThat(bytes(FrameWriter.clientFrame(Opcode.PONG, true, hello, RFC_MASK)))
                .isEqualTo(hex("8a 85 37fa213d 7f9f4d5158"));
        assertThat(hello.remaining()).as("the payload's buffer is left as it was").isEqualTo(5);
    }

    @Test
    void lengthsTakeSevenSixteenOrSixtyFourBitsAsTheRfcShows() {
        byte[] b256 = bytes(FrameWriter.serverFrame(Opcode.BINARY, true, ByteBuffer.allocate(256)));
        byte[] b64k = bytes(FrameWriter.serverFrame(Opcode.BINARY, true, ByteBuffer.allocate(65536)));
        byte[] b125 = bytes(FrameWriter.serverFrame(Opcode.BINARY, true, ByteBuffer.allocate(125)));
        byte[] b65535 = bytes(FrameWriter.serverFrame(Opcode.BINARY, true, ByteBuffer.allocate(65535)));

        assertThat(b256).hasSize(4 + 256).startsWith(hex("82 7e 0100"));
        assertThat(b64k).hasSize(10 + 65536).startsWith(hex("82 7f 0000000000010000"));
        assertThat(b125).hasSize(2 + 125).startsWith(hex("82 7d"));
        assertThat(b65535).hasSize(4 + 65535).startsWith(hex("82 7e ffff"));
    }

    @Test
    void aServerWritesUnmaskedFramesAndAClientMasksEachWithAFreshKey() throws IOException {
        List<byte[]> server = new ArrayList<>();
        List<byte[]> client = new ArrayList<>();
        new FrameWriter(Role.SERVER, frame -> server.add(bytes(frame))).text("Hello");
        FrameWriter clientWriter = new FrameWriter(Role.CLIENT, frame -> client.add(bytes(frame)));
        for (int i = 0; i < 4; i++) {
            clientWriter.text("Hello");
        }

        assertThat(server).containsExactly(hex("81 05 48656c6c6f"));
        assertThat(client).allSatisfy(frame -> assertThat(frame[1] & 0xff).isEqualTo(0x85));
        assertThat(client.stream().map(frame -> ByteBuffer.wrap(frame, 2, 4).getInt()).distinct())
                .as("a key per frame").hasSizeGreaterThan(1);
        assertThat(Frames.readAll(Frames.whole(Frames.concat(client.toArray(byte[][]::new))), Role.SERVER, 100))
                .containsOnly(new Message.Text("Hello")).hasSize(4);
    }

    @Test
    void aCloseCarriesItsCodeAndAReasonCutAtACharactersBoundaryToFit() throws IOException {
        List<byte[]> sent = new ArrayList<>();
        FrameWriter writer = new FrameWriter(Role.SERVER, frame -> sent.add(bytes(frame)));

        writer.close(CloseCodes.NORMAL, "bye");
        writer.close(CloseCodes.GOING_AWAY, "é".repeat(100));
        writer.close(CloseCodes.NO_STATUS, "ignored");

        assertThat(sent.get(0)).isEqualTo(hex("88 05 03e8 627965"));
        assertThat(sent.get(1)).hasSize(2 + 2 + 122);
        assertThat(Frames.readAll(Frames.whole(sent.get(1)), Role.CLIENT, 0))
                .containsExactly(new Message.Close(CloseCodes.GOING_AWAY, "é".repeat(61)));
        assertThat(sent.get(2)).isEqualTo(hex("88 00"));
    }

    @Test
    void controlFramesMustBeWholeAndShortAndCloseCodesSendable() {
        assertThatThrownBy(() -> FrameWriter.serverFrame(Opcode.PING, true, ByteBuffer.allocate(126)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameWriter.serverFrame(Opcode.PING, false, ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FrameWriter(Role.SERVER, frame -> { }).close(CloseCodes.ABNORMAL, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
