package dev.socklab.bench;

import java.nio.ByteBuffer;

/** How an rpc reply ends on its connection: at a line's end ({@link LineReply}), or as HTTP frames it ({@link HttpReply}). */
interface ReplyFrame {
    /** Starts on the next reply. */
    void reset();

    /**
     * Takes what arrived, up to the reply's end and no further.
     *
     * @return whether the reply is complete; bytes past it are left in {@code bytes}
     * @throws ReplyFailure when the reply cannot be read, or has another status than the one expected
     */
    boolean take(ByteBuffer bytes) throws ReplyFailure;

    /** The server closed the connection: whether that ends the reply (an HTTP body read until close). */
    boolean endsAtClose();

    /** Whether the server closes the connection after this reply, which is complete. */
    boolean closeAfter();

    /** The reply's payload: the line without its end, or the HTTP body. */
    ReplyBody body();
}
