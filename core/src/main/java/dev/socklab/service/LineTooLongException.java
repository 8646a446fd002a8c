package dev.socklab.service;

import java.io.IOException;

/** A client sent more bytes than a line may hold without ending the line. */
public final class LineTooLongException extends IOException {
    private final int limit;

    /** A line passed {@code limit} bytes with no line end in sight. */
    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
        this.limit = limit;
    }

    /** The longest line that was allowed, in bytes. */
    public int limit() {
        return limit;
    }
}
