package dev.socklab.services.arp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.socklab.net.SocketAddresses;

/**
 * The lab's reverse lookup, RARP: a hardware address in, its IP addresses out (separated by
 * spaces), or {@code Not Found}.
 */
public final class RarpService extends LookupService {
    private final ArpTable table;

    /** A RARP service over {@code table}, ending unterminated requests at a pause of {@code pause}. */
    public RarpService(ArpTable table, Duration pause) {
        super(pause);
        this.table = table;
    }

    @Override
    Optional<String> answer(String request) {
        HardwareAddress hardware;
        try {
            hardware = HardwareAddress.parse(request);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<InetAddress> addresses = table.ipAddressesOf(hardware);
        return Optional.of(addresses.isEmpty() ? "Not Found"
                : addresses.stream().map(SocketAddresses::format).collect(Collectors.joining(" ")));
    }

    @Override
    String name() {
        return "rarp";
    }
}
