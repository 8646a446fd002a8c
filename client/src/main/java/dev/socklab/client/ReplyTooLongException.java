package dev.socklab.client;

import java.io.IOException;

/** A server's one-line reply passed the longest a client reads, with no end in sight. */
public final class ReplyTooLongException extends IOException {
    private final int limit;

    ReplyTooLongException(int limit) {
        super("the server's reply passed " + limit + " bytes without ending");
        this.limit = limit;
    }

    /**
     * The longest reply that was allowed.
     *
     * @return the limit in bytes, line end included
     */
    public int limit() {
        return limit;
    }
}
