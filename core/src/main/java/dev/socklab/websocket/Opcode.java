package dev.socklab.websocket;

import java.util.Optional;

/** A frame's opcode (RFC 6455 §5.2): what its payload is. */
public enum Opcode {
    /** The next fragment of a text or binary message. */
    CONTINUATION(0x0),
    /** A text message, or its first fragment: UTF-8. */
    TEXT(0x1),
    /** A binary message, or its first fragment. */
    BINARY(0x2),
    /** The closing handshake: an optional code and reason. */
    CLOSE(0x8),
    /** A ping, which the other end answers with a pong carrying the same payload. */
    PING(0x9),
    /** A pong: the answer to a ping, or unasked for, a heartbeat. */
    PONG(0xA);

    /** Each opcode at its four bits' index; the reserved ones null. */
    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /** The opcode's four bits. */
    public int code() {
        return code;
    }

    /** Whether this is a control frame's opcode: at most 125 bytes of payload, never fragmented. */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    /** The opcode these four bits name, or empty for one of the reserved values. */
    static Optional<Opcode> of(int bits) {
        return Optional.ofNullable(BY_CODE[bits & 0xF]);
    }
}
