package dev.socklab.http;

/**
 * A request's line and header fields (RFC 9112 §3), as parsed: the method, the request target as
 * sent (origin form, {@code /path?query}; or absolute form, or {@code *} for OPTIONS), the version
 * and the fields.
 */
public record RequestHead(String method, String target, HttpVersion version, Fields fields) {
    /** The target's path, before any {@code ?}, still percent-encoded. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The target's query, after the {@code ?}, still percent-encoded; empty when there is none. */
    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }

    /**
     * Whether the client wants the connection kept open after this request: HTTP/1.1 unless it
     * says {@code Connection: close}, HTTP/1.0 only when it says {@code Connection: keep-alive}
     * (RFC 9112 §9.3).
     */
    public boolean keepAlive() {
        if (fields.hasToken("Connection", "close")) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1 || fields.hasToken("Connection", "keep-alive");
    }
}
