package dev.socklab.services;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import dev.socklab.runtime.Transport;

/**
 * The built-in services. Default ports are 10000 plus the IANA port for the classic services
 * (so that daytime, IANA port 13, is on 10013), and free numbers from 10000 up for the others.
 */
public final class ServiceCatalog {
    private static final EnumSet<Transport> EVERY = EnumSet.of(Transport.TCP, Transport.UDP, Transport.UNIX);

    private static final List<ServiceInfo> ALL = List.of(
            new ServiceInfo("hello", "sends a greeting (\"Hello World!\") and closes", "the lab", 10000,
                    OptionalInt.empty(), EVERY, false),
            new ServiceInfo("arp", "looks up the hardware address of an IP address", "the lab", 10001,
                    OptionalInt.empty(), EVERY, false),
            new ServiceInfo("rarp", "looks up the IP addresses of a hardware address", "the lab", 10002,
                    OptionalInt.empty(), EVERY, false),
            new ServiceInfo("chat", "multi-user chat: rooms, nicknames, private messages, history", "socklab",
                    10003, OptionalInt.empty(), EnumSet.of(Transport.TCP, Transport.UNIX), false),
            new ServiceInfo("echo", "sends every byte back", "RFC 862", 10007, OptionalInt.of(7), EVERY, false),
            new ServiceInfo("discard", "reads everything and sends nothing", "RFC 863", 10009, OptionalInt.of(9),
                    EVERY, false),
            new ServiceInfo("daytime", "sends the date and time, logs the client's acknowledgement", "RFC 867",
                    10013, OptionalInt.of(13), EVERY, false),
            new ServiceInfo("qotd", "sends a quote of the day", "RFC 865", 10017, OptionalInt.of(17), EVERY, true),
            new ServiceInfo("chargen", "sends lines of characters until the client closes", "RFC 864", 10019,
                    OptionalInt.of(19), EVERY, true),
            new ServiceInfo("time", "sends the time as 32-bit seconds since 1900", "RFC 868", 10037,
                    OptionalInt.of(37), EVERY, false));

    private ServiceCatalog() {
    }

    /** Every built-in service, in the order {@code socklab services} lists them. */
    public static List<ServiceInfo> all() {
        return ALL;
    }

    /** The service called {@code name}, if there is one. */
    public static Optional<ServiceInfo> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
