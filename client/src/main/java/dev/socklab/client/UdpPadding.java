package dev.socklab.client;

import java.util.Arrays;

/**
 * The padding of a UDP request whose content does not matter, only its size. socklab caps each
 * UDP reply at the request's size times the service's amplification factor, so that a forged
 * source address cannot turn a small request into a large flood at someone else; a client that
 * wants a whole reply therefore pads its request.
 */
final class UdpPadding {
    /**
     * How big a request the command line pads to unless told otherwise: 512 bytes, the longest reply
     * RFC 864 and RFC 865 ask for.
     */
    static final int DEFAULT_REQUEST = 512;
    /** The largest UDP payload over IPv4: 65,535 less the IP and UDP headers. */
    static final int MAX_REQUEST = 65_507;

    private UdpPadding() {
    }

    /**
     * {@code size} spaces: printable, so that a server that logs the request shows nothing odd.
     *
     * @throws IllegalArgumentException if {@code size} is negative or more than a datagram holds
     */
    static byte[] spaces(int size) {
        if (size < 0 || size > MAX_REQUEST) {
            throw new IllegalArgumentException(
                    "a UDP request is from 0 to " + MAX_REQUEST + " bytes, not " + size);
        }
        byte[] padding = new byte[size];
        Arrays.fill(padding, (byte) ' ');
        return padding;
    }
}
