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
    IDLE("echo", 0, true),
    /**
     * Members in one chat room, some of them sending, each with a few messages in flight: messages
     * delivered to members per second, and the latency from a message's send to each receipt.
     */
    CHAT("chat", 64, true),
    /**
     * Each connection sends a GET of one path and reads the whole response before the next, kept
     * alive, never pipelined (as {@code h2load --h1}): responses per second, and body bytes.
     */
    HTTP("http", 0, true),
    /**
     * Each connection calls {@code add(2, 3)}, or {@code echo} of {@code --size} bytes, and reads the whole
     * reply before the next call, over TCP (JSON-RPC, a line each) or HTTP kept alive (JSON-RPC or XML-RPC):
     * calls per second, each reply checked.
     */
    RPC("rpc", 0, true);

    private final String service;
    private final int defaultSize;
    private final boolean tcp;

    Workload(String service, int defaultSize, boolean tcp) {
        this.service = service;
        this.defaultSize = defaultSize;
        this.tcp = tcp;
    }

    /**
     * The workload a user wrote: {@code pingpong}, {@code stream}, {@code connect}, {@code udp}, {@code idle},
     * {@code chat}, {@code http} or {@code rpc}, in any case.
     */
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

    /**
     * The socklab service this workload loads, whose port is the default: {@code echo}, {@code hello}, {@code chat},
     * {@code http} or {@code rpc} (whose calls over HTTP go to {@code http}'s port).
     */
    public String service() {
        return service;
    }

    /** What a run's connections are called in reports: {@code members} for chat, {@code connections} otherwise. */
    public String countName() {
        return this == CHAT ? "members" : "connections";
    }

    /** The option that sets how many connections a run has: {@code --members} for chat, {@code --connections} otherwise. */
    public String countOption() {
        return "--" + countName();
    }

    /** Whether messages have a size ({@code --size}); connect and idle send nothing, and http its request. */
    public boolean sendsMessages() {
        return defaultSize > 0;
    }

    /** Whether {@code --size} applies: to those that send messages, and to rpc, whose echo it sizes (0: add). */
    public boolean takesSize() {
        return sendsMessages() || this == RPC;
    }

    /** The message, chunk, datagram or chat line size when none is given; 0 when the workload sends nothing. */
    public int defaultSize() {
        return defaultSize;
    }

    /** The smallest size a run may ask for: a chat line carries its tag, sender, sequence number and send time. */
    public int minSize() {
        return this == CHAT ? ChatLine.MIN_TEXT : this == RPC ? 0 : sendsMessages() ? 1 : 0;
    }

    /**
     * The largest size a run may ask for: a UDP payload must fit one IPv4 datagram, and a chat line
     * the chat server's default line limit; an rpc echo, far less than a server's request limit.
     */
    public int maxSize() {
        return switch (this) {
            case UDP -> 65_507;
            case PINGPONG, STREAM -> 1 << 20;
            case CHAT -> ChatLine.MAX_TEXT;
            case RPC -> RpcCall.MAX_SIZE;
            case CONNECT, IDLE, HTTP -> 0;
        };
    }

    /** TCP connections, or UDP sockets. */
    public boolean isTcp() {
        return tcp;
    }
}
