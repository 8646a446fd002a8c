package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.Transport;
import dev.socklab.service.StreamService;
import dev.socklab.services.arp.ArpService;
import dev.socklab.services.arp.ArpTable;
import dev.socklab.services.arp.RarpService;
import dev.socklab.services.chargen.ChargenService;
import dev.socklab.services.chat.ChatService;
import dev.socklab.services.chat.ChatSettings;
import dev.socklab.services.daytime.DaytimeFormat;
import dev.socklab.services.daytime.DaytimeService;
import dev.socklab.services.discard.DiscardService;
import dev.socklab.services.echo.EchoService;
import dev.socklab.services.hello.HelloService;
import dev.socklab.services.qotd.QotdMode;
import dev.socklab.services.qotd.QotdService;
import dev.socklab.services.qotd.Quotes;
import dev.socklab.services.time.TimeService;
import dev.socklab.testing.Await;
import dev.socklab.testing.Fault;
import dev.socklab.testing.FaultProxy;
import dev.socklab.testing.FaultProxy.Direction;
import dev.socklab.testing.FaultProxy.Script;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

/**
 * Every stream service, through every fault of the {@link FaultProxy} each way, with socklab's own
 * client: the client's operation ends within a bound, either as it should or with an error that
 * says what happened, and the server's handler ends within its deadline, with its closing line and
 * no warning. Every case runs over TCP on IPv4 and IPv6 and over a Unix socket, as Netty's
 * SocketTestPermutation does: the 300 cases take about 9 s on two busy cores, so none is left
 * out. One server hosts all the services on every transport with short limits, and the cases run
 * side by side: each finds its own closing line by the proxy's address (over a Unix socket, the
 * socket file the proxy binds for it). The class itself runs alone, as the other classes do: the
 * log it captures, and asserts free of warnings, is the whole process's.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultMatrixTest {
    /** The server's idle and write timeouts, and every other wait it has: short, so the matrix takes seconds. */
    private static final Duration SERVER_DEADLINE = Duration.ofMillis(400);
    /** How long the client waits for each thing it waits for. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(1);
    /**
     * The longest an operation may take: a client waits at most twice (daytime: the date, then the
     * close), and twenty cases share two cores. It proves that nothing waits unbounded, not speed.
     */
    private static final Duration OPERATION_BOUND = CLIENT_TIMEOUT.multipliedBy(6);
    /** After the operation, the server's handler ends within its deadline, plus a watchdog sweep and scheduling. */
    private static final Duration HANDLER_BOUND = SERVER_DEADLINE.plusSeconds(3);
    private static final Duration DELAY = Duration.ofMillis(100);
    /** Mid-stream for every request and reply of the matrix: the 4 bytes of time, a greeting, a lookup. */
    private static final long AFTER_BYTES = 3;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T08:30:00Z"), ZoneId.of("Europe/Paris"));

    @TempDir
    static Path dir;
    private static Server server;
    /** Each service's address, by transport. */
    private static final Map<StreamTransport, Map<String, SocketAddress>> ADDRESSES = new EnumMap<>(StreamTransport.class);
    private static LogCapture log;
    /** What each operation gives with no proxy in the way, by transport. */
    private static final Map<StreamTransport, Map<Operation, String>> BASELINE = new ConcurrentHashMap<>();

    /** One client operation against one service, its result as text. */
    enum Operation {
        HELLO("hello", true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return HelloClient.greeting(conn, CLIENT_TIMEOUT);
            }
        },
        ECHO("echo", true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] in = "ping pong\nand more\n".getBytes(StandardCharsets.UTF_8);
                EchoClient.relay(conn, new ByteArrayInputStream(in), out, CLIENT_TIMEOUT);
                return out.toString(StandardCharsets.UTF_8);
            }
        },
        DAYTIME("daytime", true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return DaytimeClient.fetch(conn, Optional.of(DaytimeClient.DEFAULT_ACK), CLIENT_TIMEOUT);
            }
        },
        ARP("arp", true, true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return LookupClient.lookup(conn, "10.0.0.1", CLIENT_TIMEOUT);
            }
        },
        RARP("rarp", true, true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return LookupClient.lookup(conn, "0a:0b:0c:0d", CLIENT_TIMEOUT);
            }
        },
        DISCARD("discard", false) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return DiscardClient.send(conn, 16 * 1024, CLIENT_TIMEOUT).bytes() + " B sent";
            }
        },
        CHARGEN("chargen", true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ChargenClient.lines(conn, 100, out, CLIENT_TIMEOUT);
                return out.toString(StandardCharsets.US_ASCII);
            }
        },
        QOTD("qotd", true) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return QotdClient.quote(conn, CLIENT_TIMEOUT);
            }
        },
        TIME("time", false) {
            @Override
            String run(ClientConnection conn) throws IOException {
                return TimeClient.fetch(conn, CLIENT_TIMEOUT).toString();
            }
        },
        CHAT("chat", false) {
            @Override
            String run(ClientConnection conn) throws IOException {
                List<String> heard = new CopyOnWriteArrayList<>();
                try (ChatClient chat = ChatClient.start(conn, 0, heard::add)) {
                    try {
                        chat.send("hello");
                    } catch (IOException e) {
                        // Leaving has begun: the ending says why.
                    }
                    chat.leave();
                    ChatClient.Ending end = chat.awaitEnd(CLIENT_TIMEOUT);
                    if (end.failure().isPresent()) {
                        throw end.failure().get();
                    }
                }
                return heard.stream().anyMatch(line -> line.matches("\\[[^]]*] <guest-\\d+> hello"))
                        ? "heard its own line" : "did not hear its line: " + heard;
            }

            @Override
            boolean isCut(String result, String baseline) {
                // The client says /quit at once, and a close after /quit is the server's goodbye.
                return result.startsWith("did not hear its line");
            }
        };

        final String service;
        /**
         * Whether the reply ends where the server closes: then a client cannot tell a reply cut by a
         * close from a short one, and a fault that ends the connection may leave it a prefix.
         */
        final boolean endsAtClose;
        /**
         * Whether the server takes a pause as the end of a request (the lab's lookups): a stall
         * mid-request gets the part that came answered, as an invalid address.
         */
        final boolean pauseEndsRequest;

        Operation(String service, boolean endsAtClose) {
            this(service, endsAtClose, false);
        }

        Operation(String service, boolean endsAtClose, boolean pauseEndsRequest) {
            this.service = service;
            this.endsAtClose = endsAtClose;
            this.pauseEndsRequest = pauseEndsRequest;
        }

        abstract String run(ClientConnection conn) throws IOException;

        /** Whether {@code result} is what the client may make of the exchange when a fault cut it short. */
        boolean isCut(String result, String baseline) {
            return endsAtClose && baseline.startsWith(result)
                    || pauseEndsRequest && result.startsWith("Invalid address: ");
        }

        String runAt(SocketAddress address) throws IOException {
            try (ClientConnection conn = connect(address)) {
                return run(conn);
            }
        }

        private ClientConnection connect(SocketAddress address) throws IOException {
            if (address instanceof UnixDomainSocketAddress unix) {
                return ClientConnection.connect(unix, CLIENT_TIMEOUT, Tracer.off(), service);
            }
            InetSocketAddress inet = (InetSocketAddress) address;
            return ClientConnection.connect(inet.getHostString(), inet.getPort(), List.of(inet), CLIENT_TIMEOUT,
                    Tracer.off(), service);
        }
    }

    @BeforeAll
    static void serve() throws IOException {
        Limits limits = Limits.DEFAULTS.withIdleTimeout(SERVER_DEADLINE).withWriteTimeout(SERVER_DEADLINE)
                .withShutdownGrace(Duration.ZERO);
        ArpTable table = ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0D").build();
        ChatSettings chat = new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024, Duration.ofSeconds(30),
                SERVER_DEADLINE);
        Map<String, StreamService> services = Map.of(
                "hello", new HelloService(HelloService.DEFAULT_GREETING),
                "echo", new EchoService(),
                "daytime", new DaytimeService(CLOCK, DaytimeFormat.parse("lab"), SERVER_DEADLINE),
                "arp", new ArpService(table, Duration.ofMillis(150)),
                "rarp", new RarpService(table, Duration.ofMillis(150)),
                "discard", new DiscardService(),
                "chargen", new ChargenService(1),
                "qotd", new QotdService(Quotes.builtIn(), QotdMode.DAILY, CLOCK, 1),
                "time", new TimeService(CLOCK),
                "chat", new ChatService(chat, CLOCK));
        Server.Builder builder = Server.builder().limits(limits).maxLogRate(0);
        for (StreamTransport transport : transports()) {
            services.forEach((name, service) -> builder.stream(name, service, transport.endpoint(dir)));
        }
        server = builder.build();
        server.start();
        for (Binding binding : server.bindings()) {
            ADDRESSES.computeIfAbsent(transportOf(binding.endpoint()), t -> new ConcurrentHashMap<>())
                    .put(binding.service(), binding.endpoint().address());
        }
        log = LogCapture.socklab();
        for (StreamTransport transport : transports()) {
            Map<Operation, String> baseline = new EnumMap<>(Operation.class);
            for (Operation op : Operation.values()) {
                baseline.put(op, op.runAt(ADDRESSES.get(transport).get(op.service)));
            }
            BASELINE.put(transport, baseline);
        }
    }

    /** The transports this machine has: IPv6 only where ::1 is configured. */
    private static List<StreamTransport> transports() {
        return Stream.of(StreamTransport.values())
                .filter(t -> t != StreamTransport.TCP_IPV6 || StreamTransport.hasIpv6Loopback())
                .toList();
    }

    private static StreamTransport transportOf(Endpoint endpoint) {
        if (endpoint.transport() == Transport.UNIX) {
            return StreamTransport.UNIX;
        }
        InetSocketAddress inet = (InetSocketAddress) endpoint.address();
        return inet.getAddress().getAddress().length == 4 ? StreamTransport.TCP_IPV4 : StreamTransport.TCP_IPV6;
    }

    /** Nothing in the whole matrix is a warning: every fault is the peer's, and costs the closing line alone. */
    @AfterAll
    static void noCaseLoggedAWarning() {
        server.stop(Duration.ZERO);
        log.close();
        assertThat(log.warnings()).as("warnings of the whole matrix").isEmpty();
    }

    static Stream<Arguments> cases() {
        return transports().stream().flatMap(transport -> Stream.of(Operation.values())
                .flatMap(op -> Stream.of(Fault.values()).flatMap(fault -> Stream.of(Direction.values())
                        .map(way -> Arguments.of(transport, op, new Script(fault, way, AFTER_BYTES, DELAY))))));
    }

    @ParameterizedTest(name = "{1} over {0} through {2}")
    @MethodSource("cases")
    @Execution(ExecutionMode.CONCURRENT)
    void theOperationEndsClearlyInTimeAndSoDoesTheServersHandler(StreamTransport transport, Operation op, Script script)
            throws IOException {
        SocketAddress target = ADDRESSES.get(transport).get(op.service);
        // An ephemeral port of the proxy's may have served an earlier case of the same service: only lines from now count.
        int before = log.lines().size();
        try (FaultProxy proxy = FaultProxy.start(target, script)) {
            long start = System.nanoTime();
            String result = null;
            IOException failure = null;
            try {
                result = op.runAt(proxy.address());
            } catch (IOException e) {
                failure = e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("how long the operation took").isLessThan(OPERATION_BOUND);
            String baseline = BASELINE.get(transport).get(op);
            if (failure != null) {
                assertThat(failure.getMessage()).as("the message of " + failure).isNotBlank();
                assertThat(script.fault()).as("the fault that made it fail: " + failure)
                        .isIn(Fault.STALL, Fault.RESET, Fault.CLOSE);
            } else if (!result.equals(baseline)) {
                boolean lossless = script.fault() == Fault.DELAY || script.fault() == Fault.SLICE;
                if (lossless || !op.isCut(result, baseline)) {
                    fail("%s gave %s, not %s", op, quoted(result), quoted(baseline));
                }
            }

            Await.until(() -> proxy.upstream().size() == 1, HANDLER_BOUND, "the proxy connected to " + op.service);
            // Both ends: an ephemeral port of the proxy's may come back for another service.
            String client = (transport == StreamTransport.UNIX ? "unix " : "tcp ")
                    + SocketAddresses.format(proxy.upstream().getFirst()) + " -> " + SocketAddresses.format(target) + " ";
            Await.until(() -> !linesAbout(client, before).isEmpty(), HANDLER_BOUND,
                    "the closing line of the " + op.service + " connection from " + client);
            List<String> lines = linesAbout(client, before);
            assertThat(lines).as("what the server logged of this connection").hasSize(1);
            String tag = lines.getFirst().substring(0, lines.getFirst().indexOf(' ') + 1);
            assertThat(log.warnings()).as("warnings about " + tag).noneMatch(line -> line.contains(tag));
        }
    }

    /** The closing lines of the connection from {@code client}, so far, among the lines logged after the first {@code from}. */
    private static List<String> linesAbout(String client, int from) {
        List<String> all = log.lines();
        return all.subList(from, all.size()).stream().filter(line -> line.contains(client)).toList();
    }

    private static String quoted(String text) {
        return '"' + text.replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
