package dev.socklab.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a bench run does with each of its connections; each names the socklab service it is meant for. */
public enum Workload {
    /** Each connection sends a message and waits for its whole echo before the next: round trips and their latency. */
    PINGPONG("echo", 64, true),
    /** Each connection writes chunks and reads the echo back, a few chunks in flight: echoed bytes per second. */
    STREAM("echo", 65_536, true),
    /** Loops of connect, read the greeting until the server closes, close: connections per second. */
    CONNECT("hello", 0, true),
    /** Each UDP socket sends a datagram and waits for its echo, or a timeout, before the next; losses are counted. */
    UDP("echo", 64, false),
    /** Opens connections and holds them, silent, to see how many the server keeps and what they cost it. */
    IDLE("echo", 0, true);

    private final String service;
    private final int defaultSize;
    private final boolean tcp;

    Workload(String service, int defaultSize, boolean tcp) {
        this.service = service;
        this.defaultSize = defaultSize;
        this.tcp = tcp;
    }

    /** The workload a user wrote: {@code pingpong}, {@code stream}, {@code connect}, {@code udp} or {@code idle}, in any case. */
    public static Workload parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(w -> w.label().equals(wanted)).findFirst()
                .orElseThrow(() -> new BenchPlanException("unknown workload '" + text + "': choose "
                        + Arrays.stream(values()).map(Workload::label).collect(Collectors.joining(", "))));
    }

    /** The name on the command line and in reports, such as {@code pingpong}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The socklab service this workload loads, whose port is the default: {@code echo} or {@code hello}. */
    public String service() {
        return service;
    }

    /** Whether messages have a size ({@code --size}); connect and idle send nothing. */
    public boolean sendsMessages() {
        return defaultSize > 0;
    }

    /** The message, chunk or datagram size when none is given; 0 when the workload sends nothing. */
    public int defaultSize() {
        return defaultSize;
    }

    /** The largest size a run may ask for: a UDP payload must fit one IPv4 datagram. */
    public int maxSize() {
        return switch (this) {
            case UDP -> 65_507;
            case PINGPONG, STREAM -> 1 << 20;
            case CONNECT, IDLE -> 0;
        };
    }

    /** TCP connections, or UDP sockets. */
    public boolean isTcp() {
        return tcp;
    }
}
