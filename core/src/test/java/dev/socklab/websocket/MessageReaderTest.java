package dev.socklab.websocket;

import static dev.socklab.websocket.Frames.concat;
import static dev.socklab.websocket.Frames.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.socklab.framing.ByteSource;

/** Frames read into messages, each case read whole and a byte a read, so that every field also falls on a read's edge. */
class MessageReaderTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void theRfcsExamplesReadAsTheirMessages() throws IOException {
        assertThat(serverReads(hex("81 85 37fa213d 7f9f4d5158"))).containsExactly(new Message.Text("Hello"));
        assertThat(clientReads(hex("81 05 48656c6c6f"))).containsExactly(new Message.Text("Hello"));
        assertThat(clientReads(hex("01 03 48656c 80 02 6c6f"))).containsExactly(new Message.Text("Hello"));
        assertThat(clientReads(hex("89 05 48656c6c6f"))).containsExactly(new Message.Ping(ascii("Hello")));
        assertThat(serverReads(hex("8a 85 37fa213d 7f9f4d5158"))).containsExactly(new Message.Pong(ascii("Hello")));
        assertThat(clientReads(concat(hex("82 7e 0100"), new byte[256])))
                .containsExactly(new Message.Binary(ByteBuffer.allocate(256)));
        assertThat(clientReads(concat(hex("82 7f 0000000000010000"), new byte[65536])))
                .containsExactly(new Message.Binary(ByteBuffer.allocate(65536)));
    }

    @Test
    void controlFramesBetweenFragmentsComeAtOnceAndTheMessageAfterItsLast() throws IOException {
        byte[] stream = concat(
                masked(Opcode.TEXT, false, "Hel"),
                masked(Opcode.PING, true, "?"),
                masked(Opcode.CONTINUATION, false, ""),
                masked(Opcode.PONG, true, ""),
                masked(Opcode.CONTINUATION, true, "lo"),
                masked(Opcode.CLOSE, true, ""));

        assertThat(serverReads(stream)).containsExactly(new Message.Ping(ascii("?")), new Message.Pong(ascii("")),
                new Message.Text("Hello"), new Message.Close(CloseCodes.NO_STATUS, ""));
    }

    @Test
    void aCharacterSplitAcrossFragmentsIsWholeAndABrokenOneFailsWith1007() throws IOException {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        byte[] split = concat(
                FrameWriter.clientFrame(Opcode.TEXT, false, ByteBuffer.wrap(euro, 0, 1), 7).array(),
                FrameWriter.clientFrame(Opcode.CONTINUATION, false, ByteBuffer.wrap(euro, 1, 1), 8).array(),
                FrameWriter.clientFrame(Opcode.CONTINUATION, true, ByteBuffer.wrap(euro, 2, 1), 9).array());
        byte[] cutShort = concat(
                FrameWriter.clientFrame(Opcode.TEXT, false, ByteBuffer.wrap(euro, 0, 2), 7).array(),
                FrameWriter.clientFrame(Opcode.CONTINUATION, true, ByteBuffer.allocate(0), 7).array());

        assertThat(serverReads(split)).containsExactly(new Message.Text("€"));
        assertThat(serverReads(cutShort)).containsExactly(invalid(1007));
        for (String bad : List.of("ff", "c0af", "eda080", "f4908080", "e282")) {
            assertThat(serverReads(FrameWriter.clientFrame(Opcode.TEXT, true, ByteBuffer.wrap(hex(bad)), 1).array()))
                    .as(bad).containsExactly(invalid(1007));
        }
    }

    @Test
    void badUtf8FailsAsSoonAsItsFragmentArrivesNotAtTheMessagesEnd() throws IOException {
        // No more fragments follow: the verdict cannot wait for the last one.
        byte[] stream = FrameWriter.clientFrame(Opcode.TEXT, false, ByteBuffer.wrap(hex("41ff")), 3).array();

        assertThat(serverReads(stream)).containsExactly(invalid(1007));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource({
        "c1 80 00000000, 1002, a reserved bit",
        "f1 80 00000000, 1002, all reserved bits",
        "83 80 00000000, 1002, a reserved data opcode",
        "8b 80 00000000, 1002, a reserved control opcode",
        "81 00, 1002, an unmasked frame from a client",
        "09 80 00000000, 1002, a fragmented ping",
        "89 fe 007e 00000000, 1002, a ping of 126 bytes",
        "80 80 00000000, 1002, a continuation with nothing to continue",
        "01 80 00000000 01 80 00000000, 1002, a new message before the last ended",
        "88 81 00000000 03, 1002, a close with one byte",
        "88 82 00000000 03ed, 1002, close code 1005",
        "88 82 00000000 03ee, 1002, close code 1006",
        "88 82 00000000 03f7, 1002, close code 1015",
        "88 82 00000000 03e7, 1002, close code 999",
        "88 82 00000000 03ec, 1002, close code 1004",
        "88 82 00000000 1388, 1002, close code 5000",
        "88 83 00000000 03e8ff, 1007, a close reason that is not UTF-8",
        "82 ff 8000000000000000 00000000, 1009, a length with its top bit set",
        "82 ff 7fffffffffffffff 00000000, 1009, a length of 2^63 - 1",
        "82 ff 0000000000100001 00000000, 1009, a frame one byte past the limit",
    })
    void aBrokenFrameIsInvalidWithItsCloseCode(String frame, int code, String what) throws IOException {
        assertThat(serverReads(hex(frame))).as(what).containsExactly(invalid(code));
    }

    @Test
    void aServerFrameMustNotBeMasked() throws IOException {
        assertThat(clientReads(hex("81 85 37fa213d 7f9f4d5158"))).containsExactly(invalid(1002));
    }

    @Test
    void closeCodesThatMayBeSentAreReadWithTheirReasons() throws IOException {
        for (int code : new int[] {1000, 1001, 1003, 1007, 1011, 1014, 3000, 4999}) {
            byte[] payload = ByteBuffer.allocate(4).putShort((short) code).put((byte) 'o').put((byte) 'k').array();
            assertThat(serverReads(FrameWriter.clientFrame(Opcode.CLOSE, true, ByteBuffer.wrap(payload), 5).array()))
                    .containsExactly(new Message.Close(code, "ok"));
        }
    }

    @Test
    void theLimitCountsEveryFragmentOfAMessageAndLengthsNeedNotBeMinimal() throws IOException {
        byte[] fragments = concat(
                masked(Opcode.BINARY, false, "x".repeat(600)),
                masked(Opcode.CONTINUATION, true, "x".repeat(424)));
        byte[] oneMore = concat(fragments, masked(Opcode.TEXT, false, "x".repeat(1000)),
                masked(Opcode.CONTINUATION, true, "x".repeat(25)));
        // "Hi" with its length in 16 and in 64 bits.
        byte[] longForms = hex("81 fe 0002 00000000 4869 81 ff 0000000000000002 00000000 4869");

        assertThat(read(fragments, Role.SERVER, 1024)).containsExactly(
                new Message.Binary(ByteBuffer.wrap("x".repeat(1024).getBytes(StandardCharsets.US_ASCII))));
        assertThat(read(oneMore, Role.SERVER, 1024)).hasSize(2).last().isEqualTo(invalid(1009));
        assertThat(serverReads(longForms)).containsExactly(new Message.Text("Hi"), new Message.Text("Hi"));
    }

    @Test
    void aFrameClaiming2To63BytesCostsNothingAndNoReadPastItsHeader() throws IOException {
        byte[] header = hex("82 ff 7fffffffffffffff 37fa213d");
        int[] bytesRead = {0};
        // A source with no end: if the reader trusted the length, it would read forever.
        ByteSource endless = new ByteSource() {
            private final ByteSource first = Frames.whole(header);

            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = first.read(dst);
                if (n < 0) {
                    n = dst.remaining();
                    dst.position(dst.limit());
                }
                bytesRead[0] += n;
                return n;
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) throws IOException {
                return read(dst);
            }
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MessageReader reader = new MessageReader(endless, Role.SERVER, MIB);

        long before = threads.getCurrentThreadAllocatedBytes();
        Message read = reader.read().orElseThrow();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(read).isInstanceOfSatisfying(Message.Invalid.class, i -> assertThat(i.code()).isEqualTo(1009));
        assertThat(bytesRead[0]).isEqualTo(header.length);
        assertThat(allocated).as("bytes allocated").isLessThan(4096);
    }

    @Test
    void aMessageClaimingTheLimitGrowsWithWhatArrivesNotWithWhatItClaims() throws IOException {
        byte[] stream = concat(hex("82 ff 0000000000100000 00000000"), new byte[100]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        long before = threads.getCurrentThreadAllocatedBytes();
        List<Message> read = serverReadsWhole(stream);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(read).as("the stream ends mid-frame").isEmpty();
        assertThat(allocated).as("bytes allocated").isLessThan(64 * 1024);
    }

    @Test
    void theEndOfTheStreamAnywhereIsTheEnd() throws IOException {
        assertThat(serverReads(hex(""))).isEmpty();
        assertThat(serverReads(hex("81"))).isEmpty();
        assertThat(serverReads(hex("81 fe 00"))).isEmpty();
        assertThat(serverReads(hex("81 85 37fa213d 7f9f"))).isEmpty();
        assertThat(serverReads(concat(masked(Opcode.TEXT, false, "Hel")))).isEmpty();
    }

    @Test
    void writtenMessagesReadBackAsTheyWereAtEverySize() throws IOException {
        for (int size : new int[] {0, 1, 125, 126, 65535, 65536, 100_000, MIB}) {
            byte[] payload = new byte[size];
            for (int i = 0; i < size; i++) {
                payload[i] = (byte) (i * 31);
            }
            byte[] frame = Frames.bytes(FrameWriter.clientFrame(Opcode.BINARY, true, ByteBuffer.wrap(payload), 0x12345678 + size));

            assertThat(serverReadsWhole(frame)).as("%d bytes", size).containsExactly(new Message.Binary(ByteBuffer.wrap(payload)));
        }
    }

    /** An invalid message with {@code code}; compared without its reason, which is for people. */
    private static Message invalid(int code) {
        return new Message.Invalid(code, "");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] masked(Opcode op, boolean fin, String payload) {
        return Frames.bytes(FrameWriter.clientFrame(op, fin, ascii(payload), 0x01020304));
    }

    private static List<Message> serverReads(byte[] stream) throws IOException {
        return read(stream, Role.SERVER, MIB);
    }

    private static List<Message> clientReads(byte[] stream) throws IOException {
        return read(stream, Role.CLIENT, MIB);
    }

    private static List<Message> serverReadsWhole(byte[] stream) throws IOException {
        return Frames.readAll(Frames.whole(stream), Role.SERVER, MIB);
    }

    /** What {@code role} reads from {@code stream}, which is the same whole and a byte a read. */
    private static List<Message> read(byte[] stream, Role role, int maxMessage) throws IOException {
        List<Message> whole = withoutReasons(Frames.readAll(Frames.whole(stream), role, maxMessage));
        assertThat(withoutReasons(Frames.readAll(Frames.aByteARead(stream), role, maxMessage))).isEqualTo(whole);
        return whole;
    }

    private static List<Message> withoutReasons(List<Message> messages) {
        return messages.stream().map(m -> m instanceof Message.Invalid i ? new Message.Invalid(i.code(), "") : m).toList();
    }
}
