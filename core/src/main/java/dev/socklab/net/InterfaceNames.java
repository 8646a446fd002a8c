package dev.socklab.net;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The machine's network interfaces by name, for the {@code %zone} of an IPv6 literal. Each
 * {@link NetworkInterface#getByName} lists every interface of the machine (some 35 us), and a
 * zone can come with every request a client sends (an arp lookup of {@code fe80::1%lo}); so the
 * list is read at most once per {@link #REFRESH_NANOS} and names are looked up in it. The map
 * holds the machine's interfaces and nothing else, whatever names requests give, so it stays as
 * small as the machine's list; an interface added or removed shows within the interval.
 */
final class InterfaceNames {
    /** How long a reading of the list is used: an interface changes rarely, a request comes often. */
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final InterfaceNames SYSTEM = new InterfaceNames(InterfaceNames::systemList, System::nanoTime);

    /** Reads the machine's list of interfaces. */
    @FunctionalInterface
    interface Lister {
        List<NetworkInterface> list() throws SocketException;
    }

    private final Lister lister;
    private final LongSupplier ticker;
    private Map<String, NetworkInterface> byName;
    private long readAt;

    InterfaceNames(Lister lister, LongSupplier ticker) {
        this.lister = lister;
        this.ticker = ticker;
    }

    /** The machine's interface called {@code name}, or null if it has none. */
    static NetworkInterface system(String name) throws SocketException {
        return SYSTEM.get(name);
    }

    /** The interface called {@code name} in the latest reading, read again first if it is older than the interval. */
    synchronized NetworkInterface get(String name) throws SocketException {
        long now = ticker.getAsLong();
        if (byName == null || now - readAt >= REFRESH_NANOS) {
            Map<String, NetworkInterface> read = new HashMap<>();
            for (NetworkInterface nif : lister.list()) {
                read.put(nif.getName(), nif);
                nif.subInterfaces().forEach(sub -> read.put(sub.getName(), sub));
            }
            byName = read;
            readAt = now;
        }
        return byName.get(name);
    }

    /** How many names the latest reading holds. */
    synchronized int size() {
        return byName == null ? 0 : byName.size();
    }

    private static List<NetworkInterface> systemList() throws SocketException {
        return NetworkInterface.networkInterfaces().toList();
    }
}
