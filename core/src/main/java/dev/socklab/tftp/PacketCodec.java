package dev.socklab.tftp;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SequencedMap;

/**
 * TFTP packets to bytes and back (RFC 1350 section 5, RFC 2347): a 16-bit opcode, then block
 * numbers, codes and NUL-terminated strings. It never touches a socket, so every packet a peer can
 * send is tested in memory.
 */
public final class PacketCodec {
    /** Opcodes, RFC 1350 section 5 and RFC 2347. */
    public static final int RRQ = 1;
    public static final int WRQ = 2;
    public static final int DATA = 3;
    public static final int ACK = 4;
    public static final int ERROR = 5;
    public static final int OACK = 6;
    /** Opcode and block number: what a DATA packet carries before its bytes. */
    public static final int DATA_HEADER = 4;

    private PacketCodec() {
    }

    /**
     * Decodes one datagram's payload; the buffer's position is left past what was read.
     *
     * @throws TftpException {@link ErrorCode#ILLEGAL_OPERATION} for a packet that is not TFTP, or
     *     {@link ErrorCode#ACCESS_VIOLATION} for a request whose file name is not UTF-8
     */
    public static Packet decode(ByteBuffer in) throws TftpException {
        try {
            int opcode = Short.toUnsignedInt(in.getShort());
            return switch (opcode) {
                case RRQ, WRQ -> request(opcode == WRQ, in);
                case DATA -> new Packet.Data(Short.toUnsignedInt(in.getShort()), in.slice());
                case ACK -> new Packet.Ack(Short.toUnsignedInt(in.getShort()));
                case ERROR -> new Packet.Error(Short.toUnsignedInt(in.getShort()), latin1(string(in)));
                case OACK -> new Packet.OptionAck(options(in));
                default -> throw new TftpException(ErrorCode.ILLEGAL_OPERATION, "unknown opcode " + opcode);
            };
        } catch (BufferUnderflowException e) {
            throw new TftpException(ErrorCode.ILLEGAL_OPERATION, "packet too short");
        }
    }

    private static Packet.Request request(boolean write, ByteBuffer in) throws TftpException {
        String filename;
        try {
            filename = StandardCharsets.UTF_8.newDecoder().decode(string(in)).toString();
        } catch (CharacterCodingException e) {
            throw new TftpException(ErrorCode.ACCESS_VIOLATION, "the file name is not UTF-8");
        }
        String mode = latin1(string(in)).toLowerCase(Locale.ROOT);
        return new Packet.Request(write, filename, mode, options(in));
    }

    /** Name and value pairs to the end, names in lower case (RFC 2347: case does not matter); the first of a name wins. */
    private static SequencedMap<String, String> options(ByteBuffer in) throws TftpException {
        SequencedMap<String, String> options = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            String name = latin1(string(in)).toLowerCase(Locale.ROOT);
            if (!in.hasRemaining()) {
                break; // a name without a value: nothing to negotiate, as an unknown option is ignored
            }
            options.putIfAbsent(name, latin1(string(in)));
        }
        return options;
    }

    /** The bytes up to the next NUL, which is consumed; a string without its NUL is no packet. */
    private static ByteBuffer string(ByteBuffer in) throws TftpException {
        int start = in.position();
        for (int i = start; i < in.limit(); i++) {
            if (in.get(i) == 0) {
                in.position(i + 1);
                return in.slice(start, i - start);
            }
        }
        throw new TftpException(ErrorCode.ILLEGAL_OPERATION, "a string without its terminating NUL");
    }

    private static String latin1(ByteBuffer bytes) {
        return StandardCharsets.ISO_8859_1.decode(bytes).toString();
    }

    /**
     * An RRQ, or a WRQ if {@code write}, for {@code filename} (in UTF-8, as {@link #decode} reads it)
     * in {@code mode}, with {@code options} in their order.
     */
    public static ByteBuffer request(boolean write, String filename, String mode, Map<String, String> options) {
        byte[] name = filename.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(2 + name.length + 1 + mode.length() + 1 + options.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length() + 2).sum());
        out.putShort((short) (write ? WRQ : RRQ)).put(name).put((byte) 0)
                .put(mode.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0);
        putOptions(out, options);
        return out.flip();
    }

    /** A DATA of {@code block} (modulo 65536) carrying {@code payload} from its position to its limit, unmoved. */
    public static ByteBuffer data(long block, ByteBuffer payload) {
        ByteBuffer out = ByteBuffer.allocate(DATA_HEADER + payload.remaining());
        putDataHeader(out, block);
        return out.position(DATA_HEADER).put(payload.duplicate()).flip();
    }

    /** An ACK of {@code block}. */
    public static ByteBuffer ack(int block) {
        return ByteBuffer.allocate(4).putShort((short) ACK).putShort((short) block).flip();
    }

    /** An ERROR with {@code code} and {@code message}. */
    public static ByteBuffer error(ErrorCode code, String message) {
        return error(code, message, Integer.MAX_VALUE);
    }

    /**
     * An ERROR with {@code code} and as much of {@code message} as keeps the packet within
     * {@code maxBytes}, cut where a character begins; empty if not even the code fits.
     */
    public static ByteBuffer error(ErrorCode code, String message, int maxBytes) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int room = maxBytes - 5;
        if (room < 0) {
            return ByteBuffer.allocate(0);
        }
        int length = Math.min(text.length, room);
        while (length > 0 && length < text.length && (text[length] & 0xC0) == 0x80) {
            length--;
        }
        return ByteBuffer.allocate(5 + length).putShort((short) ERROR).putShort((short) code.code())
                .put(text, 0, length).put((byte) 0).flip();
    }

    /** An OACK naming {@code options}, in their order. */
    public static ByteBuffer optionAck(Map<String, String> options) {
        ByteBuffer out = ByteBuffer.allocate(2 + options.entrySet().stream()
                .mapToInt(e -> e.getKey().length() + e.getValue().length() + 2).sum());
        out.putShort((short) OACK);
        putOptions(out, options);
        return out.flip();
    }

    private static void putOptions(ByteBuffer out, Map<String, String> options) {
        options.forEach((name, value) -> out.put(name.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0)
                .put(value.getBytes(StandardCharsets.ISO_8859_1)).put((byte) 0));
    }

    /** Writes a DATA packet's opcode and {@code block} (modulo 65536) at the start of {@code packet}. */
    public static void putDataHeader(ByteBuffer packet, long block) {
        packet.putShort(0, (short) DATA).putShort(2, (short) block);
    }
}
