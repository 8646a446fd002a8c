package dev.socklab.client;

import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * TFTP's packets, RFC 1350 with the option extension of RFC 2347: written into and read from
 * buffers, never from a socket, so that they are tested in memory. A packet read is checked
 * whole: a field that runs past the datagram, or an unknown opcode, is a {@link ProtocolException}.
 */
final class TftpPacket {
    static final int RRQ = 1;
    static final int WRQ = 2;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    /** ERROR codes the client sends: RFC 1350's 4 (illegal operation) and 5 (unknown transfer ID), RFC 2347's 8. */
    static final int ILLEGAL_OPERATION = 4;
    static final int UNKNOWN_TID = 5;
    static final int OPTION_REFUSED = 8;

    private TftpPacket() {
    }

    /** A read or write request for {@code file} in octet mode, with {@code options} in their order. */
    static ByteBuffer request(int opcode, String file, Map<String, String> options) {
        ByteBuffer packet = ByteBuffer.allocate(512 + file.length() * 3);
        packet.putShort((short) opcode);
        putString(packet, file);
        putString(packet, "octet");
        options.forEach((name, value) -> {
            putString(packet, name);
            putString(packet, value);
        });
        return packet.flip();
    }

    /** DATA for {@code block} (its low 16 bits) with {@code payload}, from its position to its limit, unmoved. */
    static ByteBuffer data(int block, ByteBuffer payload) {
        ByteBuffer packet = ByteBuffer.allocate(4 + payload.remaining());
        packet.putShort((short) DATA).putShort((short) block).put(payload.duplicate());
        return packet.flip();
    }

    /** ACK of {@code block} (its low 16 bits). */
    static ByteBuffer ack(int block) {
        return ByteBuffer.allocate(4).putShort((short) ACK).putShort((short) block).flip();
    }

    /** ERROR with {@code code} and {@code message}. */
    static ByteBuffer error(int code, String message) {
        ByteBuffer packet = ByteBuffer.allocate(5 + message.length() * 3);
        packet.putShort((short) ERROR).putShort((short) code);
        putString(packet, message);
        return packet.flip();
    }

    /** The opcode of {@code packet}, 0 if it is shorter than one; the buffer is not moved. */
    static int opcode(ByteBuffer packet) {
        return packet.remaining() < 2 ? 0 : Short.toUnsignedInt(packet.getShort(packet.position()));
    }

    /** The block number of a DATA or ACK packet; the buffer is not moved. */
    static int block(ByteBuffer packet) throws ProtocolException {
        if (packet.remaining() < 4) {
            throw new ProtocolException("the server sent a TFTP packet of " + packet.remaining()
                    + " bytes, too short for a block number");
        }
        return Short.toUnsignedInt(packet.getShort(packet.position() + 2));
    }

    /** The payload of a DATA packet: a view after its header. */
    static ByteBuffer payload(ByteBuffer packet) {
        return packet.duplicate().position(packet.position() + 4).slice();
    }

    /** An ERROR packet as one sentence: {@code the server answered TFTP error 1: File not found}. */
    static String errorText(ByteBuffer packet) {
        if (packet.remaining() < 4) {
            return "the server answered with a TFTP error packet too short to say which";
        }
        int code = Short.toUnsignedInt(packet.getShort(packet.position() + 2));
        ByteBuffer rest = packet.duplicate().position(packet.position() + 4);
        String message = string(rest);
        return "the server answered TFTP error " + code + (message.isEmpty() ? "" : ": " + message);
    }

    /** The code of an ERROR packet, -1 if it has none. */
    static int errorCode(ByteBuffer packet) {
        return packet.remaining() < 4 ? -1 : Short.toUnsignedInt(packet.getShort(packet.position() + 2));
    }

    /**
     * The options of an OACK, names in lower case, in the order sent.
     *
     * @throws ProtocolException if a name or value is not ended by NUL
     */
    static SequencedMap<String, String> options(ByteBuffer packet) throws ProtocolException {
        ByteBuffer rest = packet.duplicate().position(packet.position() + 2);
        SequencedMap<String, String> options = new LinkedHashMap<>();
        while (rest.hasRemaining()) {
            String name = terminated(rest);
            String value = terminated(rest);
            options.put(name.toLowerCase(Locale.ROOT), value);
        }
        return options;
    }

    private static void putString(ByteBuffer packet, String text) {
        packet.put(text.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
    }

    /** A NUL-ended string, or what is left when the NUL is missing (an ERROR's message often lacks it). */
    private static String string(ByteBuffer rest) {
        int end = rest.position();
        while (end < rest.limit() && rest.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - rest.position()];
        rest.get(bytes);
        if (rest.hasRemaining()) {
            rest.get();
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String terminated(ByteBuffer rest) throws ProtocolException {
        int end = rest.position();
        while (end < rest.limit() && rest.get(end) != 0) {
            end++;
        }
        if (end == rest.limit()) {
            throw new ProtocolException("the server sent a TFTP option that is not ended by NUL");
        }
        return string(rest);
    }
}
