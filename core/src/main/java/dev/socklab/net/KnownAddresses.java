package dev.socklab.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The fixed addresses the host vocabulary stands for, built from bytes so no lookup happens. */
final class KnownAddresses {

    /** INADDR_ANY, 0.0.0.0. */
    static final InetAddress IPV4_ANY = of(new byte[4]);

    /** in6addr_any, {@code ::}; a socket bound to it also takes IPv4 where the stack is dual. */
    static final InetAddress IPV6_ANY = of(new byte[16]);

    /** The limited broadcast address 255.255.255.255 that {@code <broadcast>} names. */
    static final InetAddress BROADCAST = of(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255});

    private KnownAddresses() {
    }

    /**
     * Wraps raw bytes as an address; with 4 or 16 bytes this cannot fail, so the checked
     * exception becomes an error rather than something every caller must handle.
     */
    static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
