package dev.socklab.http;

import java.io.IOException;

/**
 * A body that cannot be read as sent, thrown from a body's stream: too large (413) or, when
 * chunked, malformed (400). An {@link IOException}, so that whoever copies a body from a stream
 * stops at it like at any other failure; its cause says which status to answer with.
 */
public final class BadBodyException extends IOException {
    public BadBodyException(HttpException cause) {
        super(cause.getMessage(), cause);
    }

    /** The status and message to answer with. */
    public HttpException httpException() {
        return (HttpException) getCause();
    }
}
