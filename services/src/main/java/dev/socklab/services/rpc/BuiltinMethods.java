package dev.socklab.services.rpc;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

import dev.socklab.net.SocketAddresses;
import dev.socklab.rpc.MethodTable;
import dev.socklab.rpc.Param;
import dev.socklab.rpc.RpcException;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;

/**
 * The rpc service's built-in methods, which make the lab's other services callable: {@code echo},
 * {@code add}, {@code time}, {@code daytime}, {@code arp.lookup}, {@code rarp.lookup}, {@code chat.rooms}
 * and {@code sleep}, each answering from the same objects that serve those services, so that a lookup
 * over RPC and one over {@code nc} agree. docs/services.md lists them with their signatures.
 */
public final class BuiltinMethods {
    private static final Param<JsonNode> VALUE = Param.of("value", JsonNode.class);
    private static final Param<Long> A = Param.of("a", long.class);
    private static final Param<Long> B = Param.of("b", long.class);
    private static final Param<String> ADDRESS = Param.of("address", String.class);
    private static final Param<String> HARDWARE = Param.of("hardware", String.class);
    private static final Param<Long> MILLISECONDS = Param.of("milliseconds", long.class);

    private BuiltinMethods() {
    }

    /**
     * A new table of the built-in methods (and the table's introspection), answering from these services and
     * telling the time of {@code clock}, in its zone.
     */
    public static MethodTable table(ArpService arp, RarpService rarp, DaytimeService daytime, Clock clock,
                                    ChatService chat) {
        return new MethodTable()
                .add("echo", "Sends its argument back, unchanged.", JsonNode.class, List.of(VALUE),
                        (args, context) -> args.get(VALUE))
                .add("add", "Adds two integers.", long.class, List.of(A, B),
                        (args, context) -> add(args.get(A), args.get(B)))
                .add("time", "Says the server's date and time, to the second, in its time zone.",
                        LocalDateTime.class, List.of(),
                        (args, context) -> LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS))
                .add("daytime", "Says the date and time as the daytime service does.", String.class, List.of(),
                        (args, context) -> daytime.now())
                .add("arp.lookup", "Says the hardware address of an IP address, or Not Found, as the arp service does.",
                        String.class, List.of(ADDRESS), (args, context) -> lookup(() -> arp.lookup(args.get(ADDRESS))))
                .add("rarp.lookup", "Lists the IP addresses of a hardware address, as the rarp service finds them.",
                        List.class, List.of(HARDWARE), (args, context) -> lookup(() -> addresses(rarp.addressesOf(
                                args.get(HARDWARE)))))
                .add("chat.rooms", "Lists the chat's rooms, each with how many members are in it.", Map.class,
                        List.of(), (args, context) -> chat.rooms())
                .add("sleep", "Sleeps for some milliseconds, at most until the call's deadline, and says how long.",
                        long.class, List.of(MILLISECONDS), (args, context) -> sleep(args.get(MILLISECONDS)));
    }

    /**
     * The built-in methods at their defaults, as {@code socklab serve} has them with no option given but for an empty
     * ARP table: this machine's clock and time zone, the lab's daytime format, and {@code chat}'s rooms.
     */
    public static MethodTable atDefaults(ChatService chat) {
        ArpTable empty = ArpTable.builder().build();
        Clock clock = Clock.systemDefaultZone();
        return table(new ArpService(empty, Duration.ZERO), new RarpService(empty, Duration.ZERO),
                new DaytimeService(clock, DaytimeFormat.parse("lab"), DaytimeService.DEFAULT_ACK_WAIT), clock, chat);
    }

    /** {@code a + b}; a sum beyond 64 bits is the caller's doing (over XML-RPC, 32 bits is the encoder's limit). */
    private static long add(long a, long b) throws RpcException {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw RpcException.invalidParams("the sum of " + a + " and " + b + " does not fit in 64 bits");
        }
    }

    private static long sleep(long milliseconds) throws RpcException, InterruptedException {
        if (milliseconds < 0) {
            throw RpcException.invalidParams("sleep's milliseconds are 0 or more, not " + milliseconds);
        }
        // The table interrupts this thread at the call's deadline, and answers -32000 for it.
        Thread.sleep(milliseconds);
        return milliseconds;
    }

    private static List<String> addresses(List<InetAddress> addresses) {
        return addresses.stream().map(SocketAddresses::format).toList();
    }

    /** A lookup's answer; the service's own words for a request that is no address, as the caller's error. */
    private static Object lookup(Supplier<Object> lookup) throws RpcException {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams(e.getMessage());
        }
    }
}
