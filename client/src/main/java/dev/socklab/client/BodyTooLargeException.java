package dev.socklab.client;

import java.io.IOException;

/** A response's body past the most a client takes; what came before the limit was passed on. */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    BodyTooLargeException(long limit) {
        super("the response's body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The most bytes of body that were allowed. */
    public long limit() {
        return limit;
    }
}
