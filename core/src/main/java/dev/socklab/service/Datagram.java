package dev.socklab.service;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

import org.slf4j.Logger;

/** One received UDP datagram, and the way to answer its sender. Valid only during {@link DatagramService#serve}. */
public interface Datagram {
    /** The address the datagram claims to come from, where a reply goes. */
    SocketAddress sender();

    /** The server socket's own address. */
    SocketAddress local();

    /** The payload, read-only, from position 0 to its limit. */
    ByteBuffer payload();

    /** The payload decoded as UTF-8 (malformed bytes become U+FFFD). */
    String text();

    /** Sends {@code src} back to the sender as one datagram. */
    void reply(ByteBuffer src) throws IOException;

    /** Sends {@code bytes} back to the sender as one datagram. */
    void reply(byte[] bytes) throws IOException;

    /** Sends {@code text}, encoded as UTF-8, back to the sender as one datagram. */
    void reply(String text) throws IOException;

    /** A logger for this service; each line it writes is tagged with this datagram's sender. */
    Logger log();
}
