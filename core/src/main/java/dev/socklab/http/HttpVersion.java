package dev.socklab.http;

/** The protocol versions socklab speaks: HTTP/1.1 (RFC 9112) and the HTTP/1.0 it must still understand. */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** As written on the wire: {@code HTTP/1.1}. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
