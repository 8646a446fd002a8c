package dev.socklab.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import dev.socklab.net.Family;
import dev.socklab.net.Host;

/** The one server address a run loads, picked from what its host resolves to. */
public final class Target {
    private Target() {
    }

    /**
     * The address to load. A TCP workload tries each address the host resolves to, in order, with
     * one connection, and takes the first that accepts, as socklab's clients do: {@code localhost}
     * may resolve to ::1 first while a lab server listens on 127.0.0.1 alone. When none accepts,
     * or for UDP, which cannot be probed, the first address; the run then counts the failures.
     *
     * @throws dev.socklab.net.AddressException if the host has no address of the family
     */
    public static InetSocketAddress resolve(Host host, int port, Family family, Workload workload, Duration timeout) {
        List<InetAddress> addresses = host.resolve(family);
        if (workload.isTcp() && addresses.size() > 1) {
            for (InetAddress address : addresses) {
                InetSocketAddress candidate = new InetSocketAddress(address, port);
                if (accepts(candidate, timeout)) {
                    return candidate;
                }
            }
        }
        return new InetSocketAddress(addresses.getFirst(), port);
    }

    private static boolean accepts(InetSocketAddress address, Duration timeout) {
        try (Socket probe = new Socket()) {
            probe.connect(address, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
            return true;
        } catch (IOException e) {
            return false; // the next address may be the one the server listens on
        }
    }
}
