package dev.socklab.services.http;

import java.io.Closeable;
import java.io.IOException;

/**
 * The body of a response sent as it is made ({@link Exchange#stream}): each write goes to the
 * client at once, as one chunk on HTTP/1.1. Closing it ends the body.
 */
public interface ResponseStream extends Closeable {
    /** Sends {@code bytes} now. */
    void write(byte[] bytes) throws IOException;

    /** Ends the body: the last chunk on HTTP/1.1. */
    @Override
    void close() throws IOException;
}
