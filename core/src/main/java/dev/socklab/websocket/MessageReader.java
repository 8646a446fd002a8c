package dev.socklab.websocket;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.socklab.framing.ByteSource;

/**
 * Reads frames (RFC 6455 §5) from a {@link ByteSource} and gives them as {@link Message}s: a data
 * message once its last fragment has come, each control frame as it comes, even between a
 * message's fragments. Whatever breaks the protocol or a limit comes as {@link Message.Invalid}
 * with the close code to send:
 * <ul>
 * <li>1002: a reserved bit set (no extension is ever agreed), a reserved opcode, a frame masked
 *     the wrong way for the reading end, a control frame fragmented or longer than 125 bytes, a
 *     continuation with no message to continue or a new message before the last one ended, a
 *     close frame with a one-byte payload or a code that may not be sent;
 * <li>1007: a text message or a close reason that is not UTF-8, found as soon as the fragment
 *     holding the error has come;
 * <li>1009: a message, its fragments together, longer than the limit, found from a frame's header
 *     before anything is allocated for it (a 64-bit length with its top bit set is one).
 * </ul>
 * A length need not be written in its shortest form (RFC 6455 allows any).
 *
 * <p>Memory: a read-ahead buffer of 8 KiB, and a message's bytes as they arrive (doubling from
 * 4 KiB), never what a header merely claims. Not for use from more than one thread.
 */
public final class MessageReader {
    private static final int READ_AHEAD = 8 * 1024;
    private static final int FIRST_MESSAGE_ROOM = 4 * 1024;

    private final ByteSource source;
    private final Role role;
    private final int maxMessage;
    /** Bytes read ahead, in read mode. */
    private final ByteBuffer ahead = ByteBuffer.allocate(READ_AHEAD).flip();
    private final Utf8Check utf8 = new Utf8Check();
    /** The data message whose fragments are arriving, TEXT or BINARY; null between messages. */
    private Opcode partial;
    /** That message's bytes so far, in write mode. */
    private ByteBuffer message;

    /**
     * A reader of the frames that {@code role}'s peer sends.
     *
     * @param role which end reads: a server reads masked frames, a client unmasked ones
     * @param maxMessage the longest data message accepted, its fragments together
     */
    public MessageReader(ByteSource source, Role role, int maxMessage) {
        if (maxMessage < 0) {
            throw new IllegalArgumentException("a message limit cannot be negative: " + maxMessage);
        }
        this.source = source;
        this.role = role;
        this.maxMessage = maxMessage;
    }

    /**
     * Reads frames until a message, a control frame or a protocol error is complete. After an
     * {@link Message.Invalid} the place in the stream is lost: read no more.
     *
     * @return the message, or empty when the stream ended first (without a close frame)
     */
    public Optional<Message> read() throws IOException {
        try {
            Message next;
            do {
                next = readFrame();
            } while (next == null);
            return Optional.of(next);
        } catch (EOFException e) {
            return Optional.empty();
        }
    }

    /** One frame: a message it completes, or null for a fragment that completes none. */
    private Message readFrame() throws IOException {
        fill(2);
        int b0 = ahead.get() & 0xFF;
        int b1 = ahead.get() & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "reserved bits set, with no extension agreed");
        }
        Optional<Opcode> known = Opcode.of(b0 & 0x0F);
        if (known.isEmpty()) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "reserved opcode " + (b0 & 0x0F));
        }
        Opcode op = known.get();
        boolean masked = (b1 & 0x80) != 0;
        if (masked != role.readsMasked()) {
            return invalid(CloseCodes.PROTOCOL_ERROR, masked ? "a masked frame from the server" : "an unmasked frame from the client");
        }
        int length7 = b1 & 0x7F;
        if (op.isControl() && !fin) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "a fragmented control frame");
        }
        if (op.isControl() && length7 > FrameWriter.MAX_CONTROL_PAYLOAD) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "a control frame longer than 125 bytes");
        }
        if (op == Opcode.CONTINUATION && partial == null) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "a continuation frame with no message to continue");
        }
        if ((op == Opcode.TEXT || op == Opcode.BINARY) && partial != null) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "a new message before the last one ended");
        }
        long length = length7;
        if (length7 == 126) {
            fill(2);
            length = ahead.getShort() & 0xFFFF;
        } else if (length7 == 127) {
            fill(8);
            length = ahead.getLong();
        }
        long sofar = partial == null ? 0 : message.position();
        // A length with its top bit set reads as negative: past any limit, as it claims.
        if (!op.isControl() && (length < 0 || length > maxMessage - sofar)) {
            return invalid(CloseCodes.TOO_BIG, "a message longer than " + maxMessage + " bytes");
        }
        int maskKey = 0;
        if (masked) {
            fill(4);
            maskKey = ahead.getInt();
        }
        if (op.isControl()) {
            ByteBuffer payload = ByteBuffer.allocate((int) length);
            readPayload(payload, (int) length, masked, maskKey);
            return control(op, payload.flip().asReadOnlyBuffer());
        }
        if (partial == null) {
            partial = op;
            message = ByteBuffer.allocate(0);
            utf8.reset();
        }
        message = readPayload(message, (int) length, masked, maskKey);
        if (partial == Opcode.TEXT && !utf8.check(message, fin)) {
            return invalid(CloseCodes.INVALID_DATA, "text that is not UTF-8");
        }
        return fin ? whole() : null;
    }

    private Message control(Opcode op, ByteBuffer payload) {
        return switch (op) {
            case PING -> new Message.Ping(payload);
            case PONG -> new Message.Pong(payload);
            default -> close(payload);
        };
    }

    private Message close(ByteBuffer payload) {
        if (payload.remaining() == 0) {
            return new Message.Close(CloseCodes.NO_STATUS, "");
        }
        if (payload.remaining() == 1) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "a close frame with a one-byte payload");
        }
        int code = payload.getShort() & 0xFFFF;
        if (!CloseCodes.mayBeSent(code)) {
            return invalid(CloseCodes.PROTOCOL_ERROR, "close code " + code + ", which may not be sent");
        }
        try {
            return new Message.Close(code, StandardCharsets.UTF_8.newDecoder().decode(payload).toString());
        } catch (CharacterCodingException e) {
            return invalid(CloseCodes.INVALID_DATA, "a close reason that is not UTF-8");
        }
    }

    private Message whole() {
        Message whole = partial == Opcode.TEXT
                ? new Message.Text(new String(message.array(), 0, message.position(), StandardCharsets.UTF_8))
                : new Message.Binary(message.flip().asReadOnlyBuffer());
        partial = null;
        message = null;
        return whole;
    }

    private Message invalid(int code, String reason) {
        partial = null;
        message = null;
        return new Message.Invalid(code, reason);
    }

    /**
     * Reads {@code length} payload bytes into {@code target}, unmasked, growing it as they come.
     *
     * @return {@code target}, or the larger buffer that now holds its bytes and the payload's
     */
    private ByteBuffer readPayload(ByteBuffer target, int length, boolean masked, int maskKey) throws IOException {
        int done = 0;
        while (done < length) {
            int want = length - done;
            target = withRoom(target, want);
            int at = target.position();
            int n;
            if (ahead.hasRemaining() || want < READ_AHEAD) {
                fill(1);
                n = Math.min(ahead.remaining(), Math.min(want, target.remaining()));
                target.put(at, ahead, ahead.position(), n).position(at + n);
                ahead.position(ahead.position() + n);
            } else {
                // Nothing read ahead and plenty to come: straight into the message, no copy.
                n = source.read(target.slice(at, Math.min(want, target.remaining())));
                if (n < 0) {
                    throw new EOFException();
                }
                target.position(at + n);
            }
            if (masked) {
                Masking.apply(target, at, n, maskKey, done);
            }
            done += n;
        }
        return target;
    }

    /** {@code target}, or a larger copy of it when it has no room left; never more than {@code want} more. */
    private static ByteBuffer withRoom(ByteBuffer target, int want) {
        if (target.hasRemaining()) {
            return target;
        }
        long grown = Math.max(2L * target.capacity(), FIRST_MESSAGE_ROOM);
        int capacity = (int) Math.min((long) target.position() + want, grown);
        return ByteBuffer.allocate(capacity).put(target.flip());
    }

    /** Reads until at least {@code n} bytes are read ahead. */
    private void fill(int n) throws IOException {
        while (ahead.remaining() < n) {
            ahead.compact();
            int read = source.read(ahead);
            ahead.flip();
            if (read < 0) {
                throw new EOFException();
            }
        }
    }
}
