package dev.socklab.runtime;

import java.util.Locale;

/** How a service is reached: the three kinds of socket the runtime listens on. */
public enum Transport {
    /** A TCP stream socket, over IPv4 or IPv6. */
    TCP,
    /** A UDP datagram socket, over IPv4 or IPv6. */
    UDP,
    /** A Unix domain stream socket, named by a path in the file system. */
    UNIX;

    /** The lower-case name used in logs and on the command line: {@code tcp}, {@code udp}, {@code unix}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
