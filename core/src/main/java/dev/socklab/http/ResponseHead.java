package dev.socklab.http;

/** A response's status line and header fields (RFC 9112 §4), as a client reads them. */
public record ResponseHead(HttpVersion version, int status, String reason, Fields fields) {
    /** Whether the server keeps the connection open after this response (RFC 9112 §9.3). */
    public boolean keepAlive() {
        if (fields.hasToken("Connection", "close")) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1 || fields.hasToken("Connection", "keep-alive");
    }
}
