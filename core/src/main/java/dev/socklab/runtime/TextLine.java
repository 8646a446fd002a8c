package dev.socklab.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A line of text as the Internet's text protocols send it: UTF-8, ended by CRLF. */
final class TextLine {
    private TextLine() {
    }

    /** {@code text} encoded, with its CRLF, ready to write. */
    static ByteBuffer of(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(body.length + 2).put(body).put((byte) '\r').put((byte) '\n').flip();
    }
}
