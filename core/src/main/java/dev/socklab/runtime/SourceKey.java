package dev.socklab.runtime;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import dev.socklab.net.Cidr;

/**
 * What counts as one source for the per-source limits: an IPv4 address (an IPv4-mapped IPv6
 * address is its IPv4 address), or an IPv6 /64, which one host usually owns whole and can pick
 * any address in. systemd's {@code MaxConnectionsPerSource} and nginx's usual keys do the same.
 */
final class SourceKey {
    private SourceKey() {
    }

    static InetAddress of(InetAddress address) {
        InetAddress plain = Cidr.unmapped(address);
        if (!(plain instanceof Inet6Address)) {
            return plain;
        }
        byte[] bytes = plain.getAddress();
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes are always an IPv6 address", e);
        }
    }
}
