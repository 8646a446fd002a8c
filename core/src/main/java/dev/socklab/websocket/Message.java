package dev.socklab.websocket;

import java.nio.ByteBuffer;

/**
 * What {@link MessageReader#read()} gives: a whole data message (its fragments joined), a control
 * frame, or the protocol error that ends the connection, with the close code to send for it.
 */
public sealed interface Message {
    /** A text message, its UTF-8 checked and decoded. */
    record Text(String text) implements Message {
    }

    /** A binary message; the buffer is read-only. */
    record Binary(ByteBuffer payload) implements Message {
    }

    /** A ping, to be answered with a pong carrying {@code payload} (at most 125 bytes). */
    record Ping(ByteBuffer payload) implements Message {
    }

    /** A pong. */
    record Pong(ByteBuffer payload) implements Message {
    }

    /**
     * The other end's close frame: its code, or {@link CloseCodes#NO_STATUS} when it sent none,
     * and its reason, empty when it sent none.
     */
    record Close(int code, String reason) implements Message {
    }

    /**
     * The other end broke the protocol or a limit: this end sends a close frame with {@code code}
     * and {@code reason} (a short phrase, for the close frame and the log) and closes the connection.
     * Nothing more is read after it.
     */
    record Invalid(int code, String reason) implements Message {
    }
}
