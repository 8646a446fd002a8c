package dev.socklab.services.arp;

import java.time.Duration;
import java.util.Optional;

import dev.socklab.net.AddressException;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;
import dev.socklab.net.Host;

/**
 * The lab's ARP lookup: an IPv4 or IPv6 address in, its hardware address out, or
 * {@code Not Found}. Only address literals are taken: a name in a request is never resolved, so
 * no client can make the server send a DNS query.
 */
public final class ArpService extends LookupService {
    private final ArpTable table;

    /** An ARP service over {@code table}, ending unterminated requests at a pause of {@code pause}. */
    public ArpService(ArpTable table, Duration pause) {
        super(pause);
        this.table = table;
    }

    /** Reads the table again (its files, entries and system source as the settings now give them, for arp and rarp both), and takes the pause anew. */
    @Override
    public ServiceReload reload(ServiceSettings fresh) {
        return reload(table, fresh);
    }

    @Override
    Optional<String> answer(String request) {
        Host host;
        try {
            host = Host.parse(request);
        } catch (AddressException e) {
            return Optional.empty();
        }
        if (!(host instanceof Host.Literal literal)) {
            return Optional.empty();
        }
        return Optional.of(table.hardwareAddressOf(literal.address()).map(HardwareAddress::toString)
                .orElse("Not Found"));
    }

    /** A hardware address of 20 octets, {@code XX:} each, or {@code Not Found}. */
    @Override
    int maxAnswerBytes() {
        return 3 * HardwareAddress.MAX_OCTETS - 1 + 2;
    }

    @Override
    String name() {
        return "arp";
    }
}
