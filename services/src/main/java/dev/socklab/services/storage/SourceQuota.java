package dev.socklab.services.storage;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.socklab.net.Cidr;

/**
 * The bytes each source has stored through one root, committed and in progress, over the server's
 * life (an entry per source that ever uploaded, as its committed bytes must be remembered). A source is an IPv4 address (an IPv4-mapped address counts as its IPv4 address) or an IPv6
 * /64, as for the runtime's per-source limits (its {@code SourceKey} is not public; {@link Cidr}
 * gives the same key). Loopback counts like any other source. A peer without an address (a Unix
 * socket's) is not counted: the per-upload limit still applies to it.
 */
final class SourceQuota {
    private static final int IPV6_SOURCE_PREFIX = 64;

    /** Changed by a reload: the bytes already stored count against the new quota. */
    private volatile long maxBytesPerSource;
    private final Map<InetAddress, AtomicLong> stored = new ConcurrentHashMap<>();

    SourceQuota(long maxBytesPerSource) {
        this.maxBytesPerSource = maxBytesPerSource;
    }

    /** Changes the quota of every source, from its next write on. */
    void limit(long bytes) {
        maxBytesPerSource = bytes;
    }

    /** The key {@code peer}'s bytes count under, or null when they are not counted. */
    static InetAddress keyOf(SocketAddress peer) {
        if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return null;
        }
        InetAddress address = Cidr.unmapped(inet.getAddress());
        return address instanceof Inet6Address ? new Cidr(address, IPV6_SOURCE_PREFIX).network() : address;
    }

    /** Counts {@code bytes} more for {@code key}, unless that would pass the quota: whether they were counted. */
    boolean take(InetAddress key, long bytes) {
        if (key == null) {
            return true;
        }
        AtomicLong used = stored.computeIfAbsent(key, k -> new AtomicLong());
        long most = maxBytesPerSource;
        long before;
        do {
            before = used.get();
            if (bytes > most - before) {
                return false;
            }
        } while (!used.compareAndSet(before, before + bytes));
        return true;
    }

    /** Gives back {@code bytes} counted for {@code key} by an upload that was not committed. */
    void giveBack(InetAddress key, long bytes) {
        if (key != null && bytes > 0) {
            stored.get(key).addAndGet(-bytes);
        }
    }
}
