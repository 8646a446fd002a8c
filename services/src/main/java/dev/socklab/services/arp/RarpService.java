package dev.socklab.services.arp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.socklab.net.SocketAddresses;
import dev.socklab.services.ServiceReload;
import dev.socklab.services.ServiceSettings;

/**
 * The lab's reverse lookup, RARP: a hardware address in, its IP addresses out (separated by
 * spaces), or {@code Not Found}.
 */
public final class RarpService extends LookupService {
    /**
     * The longest answer, CRLF included: as many addresses as fit (a handful of IPv6 ones), then
     * {@code ...}. Small, because a UDP answer goes to whatever address the request claims.
     */
    static final int MAX_ANSWER = 128;

    private final ArpTable table;

    /** A RARP service over {@code table}, ending unterminated requests at a pause of {@code pause}. */
    public RarpService(ArpTable table, Duration pause) {
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
        HardwareAddress hardware;
        try {
            hardware = HardwareAddress.parse(request);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        List<InetAddress> addresses = table.ipAddressesOf(hardware);
        if (addresses.isEmpty()) {
            return Optional.of("Not Found");
        }
        // One hardware address rarely has more than a few; a table that gives it hundreds must not make a huge datagram.
        StringBuilder answer = new StringBuilder();
        for (InetAddress address : addresses) {
            String text = SocketAddresses.format(address);
            if (answer.length() + 1 + text.length() > MAX_ANSWER - " ...".length() - 2) {
                return Optional.of(answer.append(" ...").toString());
            }
            answer.append(answer.isEmpty() ? "" : " ").append(text);
        }
        return Optional.of(answer.toString());
    }

    /**
     * Every IP address of the hardware address {@code request}, in the table's order (the answer line stops at
     * 128 bytes), for a caller that is no socket (the rpc service's {@code rarp.lookup}).
     *
     * @return the addresses, empty where the service answers {@code Not Found}
     * @throws IllegalArgumentException whose message is the service's answer to a request that is no hardware
     *     address: {@code Invalid address: "..."}
     */
    public List<InetAddress> addressesOf(String request) {
        String stripped = request.strip();
        try {
            return table.ipAddressesOf(HardwareAddress.parse(stripped));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(invalid(stripped), e);
        }
    }

    @Override
    int maxAnswerBytes() {
        return MAX_ANSWER;
    }

    @Override
    String name() {
        return "rarp";
    }
}
