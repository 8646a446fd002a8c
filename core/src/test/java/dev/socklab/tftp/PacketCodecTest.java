package dev.socklab.tftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.SequencedMap;

import org.junit.jupiter.api.Test;

/** Every kind of packet in memory, as RFC 1350 and RFC 2347 lay them out, and the ones that are not packets. */
class PacketCodecTest {
    @Test
    void aReadRequestGivesItsNameModeAndOptionsWithLowerCaseNamesInTheirOrder() throws Exception {
        Packet packet = PacketCodec.decode(bytes("\0\1dir/a.bin\0OCTET\0TSIZE\0000\0blksize\0001428\0"));

        SequencedMap<String, String> options = new LinkedHashMap<>();
        options.put("tsize", "0");
        options.put("blksize", "1428");
        assertThat(packet).isEqualTo(new Packet.Request(false, "dir/a.bin", "octet", options));
        assertThat(((Packet.Request) packet).options().sequencedKeySet()).containsExactly("tsize", "blksize");
    }

    @Test
    void aWriteRequestIsOneToo() throws Exception {
        assertThat(PacketCodec.decode(bytes("\0\2up.txt\0netascii\0"))).isEqualTo(
                new Packet.Request(true, "up.txt", "netascii", new LinkedHashMap<>()));
    }

    @Test
    void theFirstOfARepeatedOptionWinsAndANameWithoutAValueIsIgnored() throws Exception {
        Packet.Request request = (Packet.Request) PacketCodec.decode(bytes("\0\1a\0octet\0blksize\0008\0BlkSize\0009\0tsize\0"));

        assertThat(request.options()).containsExactly(java.util.Map.entry("blksize", "8"));
    }

    @Test
    void aFileNameIsReadAsUtf8() throws Exception {
        Packet.Request request = (Packet.Request) PacketCodec.decode(ByteBuffer.wrap(
                "\0\1caf\u00e9\0octet\0".getBytes(StandardCharsets.UTF_8)));

        assertThat(request.filename()).isEqualTo("caf\u00e9");
    }

    @Test
    void aFileNameThatIsNotUtf8IsAnAccessViolation() {
        // An overlong '/' (C0 AF), the classic way past a check for "../".
        ByteBuffer packet = ByteBuffer.wrap(new byte[] {0, 1, '.', '.', (byte) 0xC0, (byte) 0xAF, 'x', 0, 'o', 'c', 't', 'e', 't', 0});

        assertThatThrownBy(() -> PacketCodec.decode(packet)).isInstanceOfSatisfying(TftpException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_VIOLATION));
    }

    @Test
    void dataAckErrorAndOackDecode() throws Exception {
        Packet.Data data = (Packet.Data) PacketCodec.decode(bytes("\0\3\u00ff\u00ffabc"));
        assertThat(data.block()).isEqualTo(65535);
        assertThat(StandardCharsets.ISO_8859_1.decode(data.payload()).toString()).isEqualTo("abc");
        assertThat(PacketCodec.decode(bytes("\0\4\1\0"))).isEqualTo(new Packet.Ack(256));
        assertThat(PacketCodec.decode(bytes("\0\5\0\1no such file\0"))).isEqualTo(new Packet.Error(1, "no such file"));
        assertThat(PacketCodec.decode(bytes("\0\6blksize\0001468\0"))).isInstanceOfSatisfying(Packet.OptionAck.class,
                oack -> assertThat(oack.options()).containsExactly(java.util.Map.entry("blksize", "1468")));
    }

    @Test
    void anEmptyDataBlockIsTheLastOfAFileOfWholeBlocks() throws Exception {
        Packet.Data data = (Packet.Data) PacketCodec.decode(bytes("\0\3\0\2"));

        assertThat(data.block()).isEqualTo(2);
        assertThat(data.payload().remaining()).isZero();
    }

    @Test
    void whatIsNotAPacketIsAnIllegalOperation() {
        for (String junk : new String[] {"", "\0", "\0\1", "\0\1file", "\0\1file\0octet", "\0\7xx", "\0\4\1", "\0\5\0\1msg",
                "GET / HTTP/1.0\r\n"}) {
            assertThatThrownBy(() -> PacketCodec.decode(bytes(junk))).as("%s", junk)
                    .isInstanceOfSatisfying(TftpException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_OPERATION));
        }
    }

    @Test
    void ackErrorAndOackEncodeAsTheyDecode() throws Exception {
        assertThat(PacketCodec.decode(PacketCodec.ack(65535))).isEqualTo(new Packet.Ack(65535));
        assertThat(PacketCodec.decode(PacketCodec.error(ErrorCode.UNKNOWN_TRANSFER_ID, "unknown transfer ID")))
                .isEqualTo(new Packet.Error(5, "unknown transfer ID"));
        SequencedMap<String, String> options = new LinkedHashMap<>();
        options.put("windowsize", "4");
        options.put("tsize", "123");
        assertThat(PacketCodec.optionAck(options)).isEqualTo(bytes("\0\6windowsize\0004\0tsize\000123\0"));
    }

    @Test
    void aRequestAndDataEncodeAsTheyDecode() throws Exception {
        SequencedMap<String, String> options = new LinkedHashMap<>();
        options.put("tsize", "0");
        options.put("blksize", "1428");
        assertThat(PacketCodec.request(false, "caf\u00e9", "octet", options)).isEqualTo(ByteBuffer.wrap(
                "\0\1caf\u00e9\0octet\0tsize\0000\0blksize\0001428\0".getBytes(StandardCharsets.UTF_8)));
        assertThat(PacketCodec.decode(PacketCodec.request(true, "up.txt", "octet", java.util.Map.of())))
                .isEqualTo(new Packet.Request(true, "up.txt", "octet", new LinkedHashMap<>()));
        ByteBuffer payload = bytes("abc");
        assertThat(PacketCodec.data(65536 + 2, payload)).isEqualTo(bytes("\0\3\0\2abc"));
        assertThat(payload.remaining()).as("the payload is not moved").isEqualTo(3);
    }

    @Test
    void eachPacketGoesByItsOpcode() throws Exception {
        assertThat(PacketCodec.decode(bytes("\0\2f\0octet\0")).opcode()).isEqualTo(PacketCodec.WRQ);
        assertThat(PacketCodec.decode(bytes("\0\3\0\1")).opcode()).isEqualTo(PacketCodec.DATA);
        assertThat(PacketCodec.decode(bytes("\0\5\0\1\0")).opcode()).isEqualTo(PacketCodec.ERROR);
        assertThat(PacketCodec.decode(bytes("\0\6")).opcode()).isEqualTo(PacketCodec.OACK);
    }

    @Test
    void anErrorCutToABoundKeepsItsCodeAndWholeCharactersOrIsNothing() {
        assertThat(PacketCodec.error(ErrorCode.NOT_DEFINED, "too many transfers", 10)).isEqualTo(bytes("\0\5\0\0too m\0"));
        assertThat(PacketCodec.error(ErrorCode.NOT_DEFINED, "\u00e9\u00e9", 6)).isEqualTo(bytes("\0\5\0\0\0"));
        assertThat(PacketCodec.error(ErrorCode.NOT_DEFINED, "x", 5)).isEqualTo(bytes("\0\5\0\0\0"));
        assertThat(PacketCodec.error(ErrorCode.NOT_DEFINED, "x", 4).remaining()).isZero();
    }

    @Test
    void aDataHeaderTakesTheBlockModulo65536() {
        ByteBuffer packet = ByteBuffer.allocate(4);
        PacketCodec.putDataHeader(packet, 65536 + 7);

        assertThat(packet).isEqualTo(bytes("\0\3\0\7"));
    }

    /** Each char of {@code text} as one byte (ISO-8859-1). */
    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
