package dev.socklab.http;

/**
 * A request that cannot be served as sent: the status to answer with and one sentence saying
 * why, which the response's body carries. After a malformed or over-limit request the connection
 * is closed, since where the next request would begin is no longer known.
 */
public final class HttpException extends Exception {
    private final int status;

    /**
     * @param status the response status, such as 400 or 431
     * @param message why, as one sentence for the client
     */
    public HttpException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The status to answer with. */
    public int status() {
        return status;
    }
}
