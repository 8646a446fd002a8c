package dev.socklab.websocket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Writes frames (RFC 6455 §5.2) for one end: a server's unmasked, a client's masked with a fresh key
 * from {@link SecureRandom} for each frame (§5.3). Each frame goes to the sink in one write. Messages
 * are written whole, as one frame; {@link #serverFrame} and {@link #clientFrame} make fragments.
 *
 * <p>Not for use from more than one thread at a time.
 */
public final class FrameWriter {
    /** The largest payload of a control frame. */
    static final int MAX_CONTROL_PAYLOAD = 125;
    /** The largest close reason: a control frame's payload less the code's two bytes. */
    static final int MAX_CLOSE_REASON = MAX_CONTROL_PAYLOAD - 2;

    /** Where the frames go: a connection's {@code write}, which writes all it is given. */
    @FunctionalInterface
    public interface Sink {
        /** Writes all of {@code bytes}. */
        void write(ByteBuffer bytes) throws IOException;
    }

    private final Role role;
    private final Sink sink;
    private final SecureRandom random;

    /** A writer of {@code role}'s frames to {@code sink}. */
    public FrameWriter(Role role, Sink sink) {
        this.role = role;
        this.sink = sink;
        this.random = role.masks() ? new SecureRandom() : null;
    }

    /** Writes a text message. */
    public void text(String text) throws IOException {
        write(Opcode.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes a binary message of the bytes of {@code payload} from its position to its limit. */
    public void binary(ByteBuffer payload) throws IOException {
        write(Opcode.BINARY, payload);
    }

    /** Writes a ping; {@code payload} holds at most 125 bytes. */
    public void ping(ByteBuffer payload) throws IOException {
        write(Opcode.PING, payload);
    }

    /** Writes a pong, as the answer to a ping with {@code payload} (at most 125 bytes). */
    public void pong(ByteBuffer payload) throws IOException {
        write(Opcode.PONG, payload);
    }

    /**
     * Writes a close frame with {@code code} and {@code reason}, the reason cut at a character's
     * boundary to fit a control frame (123 bytes); for {@link CloseCodes#NO_STATUS}, a close frame
     * with no payload at all.
     *
     * @throws IllegalArgumentException for a code that may not be sent ({@link CloseCodes#mayBeSent})
     */
    public void close(int code, String reason) throws IOException {
        write(Opcode.CLOSE, closePayload(code, reason));
    }

    private void write(Opcode op, ByteBuffer payload) throws IOException {
        sink.write(role.masks() ? clientFrame(op, true, payload, random.nextInt()) : serverFrame(op, true, payload));
    }

    /**
     * A server's frame, unmasked: {@code payload}'s bytes from its position to its limit, which it
     * leaves as they are. {@code fin} false makes a fragment, which {@link Opcode#CONTINUATION}
     * frames follow.
     *
     * @return the frame, ready to be written
     * @throws IllegalArgumentException for a control frame that is a fragment or longer than 125 bytes
     */
    public static ByteBuffer serverFrame(Opcode op, boolean fin, ByteBuffer payload) {
        return encode(op, fin, payload, false, 0);
    }

    /**
     * A client's frame, masked with {@code maskKey} (its four bytes in network order, as they
     * travel).
     *
     * @see #serverFrame
     */
    public static ByteBuffer clientFrame(Opcode op, boolean fin, ByteBuffer payload, int maskKey) {
        return encode(op, fin, payload, true, maskKey);
    }

    /** The payload of a close frame with {@code code} and as much of {@code reason} as fits. */
    static ByteBuffer closePayload(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) {
            return ByteBuffer.allocate(0);
        }
        if (!CloseCodes.mayBeSent(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent");
        }
        ByteBuffer payload = ByteBuffer.allocate(MAX_CONTROL_PAYLOAD).putShort((short) code);
        // An encoder that runs out of room stops before the character that does not fit.
        CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder();
        utf8.encode(CharBuffer.wrap(reason), payload, true);
        return payload.flip();
    }

    private static ByteBuffer encode(Opcode op, boolean fin, ByteBuffer payload, boolean masked, int maskKey) {
        int n = payload.remaining();
        if (op.isControl() && (!fin || n > MAX_CONTROL_PAYLOAD)) {
            throw new IllegalArgumentException("a control frame must be whole and at most 125 bytes, not " + n);
        }
        int lengthBytes = n < 126 ? 0 : n <= 0xFFFF ? 2 : 8;
        ByteBuffer frame = ByteBuffer.allocate(2 + lengthBytes + (masked ? 4 : 0) + n);
        frame.put((byte) ((fin ? 0x80 : 0) | op.code()));
        int maskBit = masked ? 0x80 : 0;
        switch (lengthBytes) {
            case 0 -> frame.put((byte) (maskBit | n));
            case 2 -> frame.put((byte) (maskBit | 126)).putShort((short) n);
            default -> frame.put((byte) (maskBit | 127)).putLong(n);
        }
        if (masked) {
            frame.putInt(maskKey);
            int at = frame.position();
            frame.put(at, payload, payload.position(), n);
            Masking.apply(frame, at, n, maskKey, 0);
            frame.position(at + n);
        } else {
            frame.put(frame.position(), payload, payload.position(), n);
            frame.position(frame.position() + n);
        }
        return frame.flip();
    }
}
