package dev.socklab.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
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
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/**
 * A client that resets mid-stream, half-closes, or vanishes (neither reads nor writes nor closes)
 * costs every TCP service one log line, the connection's closing line, and the server frees the
 * connection at once, or within its idle and write timeouts for a client that vanished: within
 * seconds, where the server's defaults would hold it for minutes.
 */
@Timeout(10)
class MisbehavingClientTest {
    private static final Duration DEADLINE = Duration.ofMillis(300);
    /**
     * A reset or a half-close is seen at once; the slowest case waits for a write timeout first (chargen). The rest
     * is headroom for a loaded 2-core machine: the bound tells a timeout from none, not how fast the server is.
     */
    private static final Duration FREED_WITHIN = Duration.ofSeconds(3);
    /** A vanished client is found out by a timeout: the idle or write timeout, a sweep, and scheduling. */
    private static final Duration VANISHED_FREED_WITHIN = DEADLINE.plusSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** What the client does once the exchange is under way. */
    enum Misbehaviour {
        /** {@code SO_LINGER} 0, then close: the server's next call fails with ECONNRESET or EPIPE. */
        RESET,
        /** {@code shutdown(SHUT_WR)}, and nothing more read: the server reads EOF. */
        HALF_CLOSE,
        /** Nothing at all: no read, no write, no close. */
        VANISH
    }

    /** A service, and how its client gets the exchange under way: something sent, something read. */
    enum Exchange {
        HELLO(new HelloService(HelloService.DEFAULT_GREETING), "", 1),
        ECHO(new EchoService(), "ping\n", 5),
        DAYTIME(new DaytimeService(Clock.systemUTC(), DaytimeFormat.parse("lab"), DEADLINE), "", -1),
        ARP(new ArpService(table(), Duration.ofMillis(100)), "10.0.0.1\n", -1),
        RARP(new RarpService(table(), Duration.ofMillis(100)), "0a:0b:0c:0d\n", -1),
        DISCARD(new DiscardService(), "x".repeat(4096), 0),
        CHARGEN(new ChargenService(1), "", -1),
        QOTD(new QotdService(Quotes.builtIn(), QotdMode.RANDOM, Clock.systemUTC(), 1), "", 1),
        TIME(new TimeService(Clock.systemUTC()), "", 1),
        CHAT(new ChatService(new ChatSettings(50, 100, 1000, 512, 0, 10, 256 * 1024, Duration.ofSeconds(30), DEADLINE),
                Clock.systemUTC()), "", -3);

        final StreamService service;
        final String send;
        /** Bytes to read, or, negative, that many lines. */
        final int read;

        Exchange(StreamService service, String send, int read) {
            this.service = service;
            this.send = send;
            this.read = read;
        }

        void begin(Socket socket) throws IOException {
            socket.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            if (read >= 0) {
                assertThat(in.readNBytes(read)).hasSize(read);
                return;
            }
            for (int lines = 0; lines < -read; lines++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) != '\n') {
                    assertThat(b).as("a byte of a line from " + this).isNotNegative();
                    line.write(b);
                }
            }
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Exchange.values()).flatMap(exchange -> Stream.of(Misbehaviour.values())
                .map(misbehaviour -> Arguments.of(exchange, misbehaviour)));
    }

    @ParameterizedTest(name = "{0}, client: {1}")
    @MethodSource("cases")
    void costsOneLineAndTheConnectionIsFreedInTime(Exchange exchange, Misbehaviour misbehaviour) throws IOException {
        Limits limits = Limits.DEFAULTS.withIdleTimeout(DEADLINE).withWriteTimeout(DEADLINE);
        Server server = servers.start(Server.builder().limits(limits).stream(exchange.name().toLowerCase(),
                exchange.service, Endpoint.tcp(new InetSocketAddress("127.0.0.1", 0))));
        InetSocketAddress address = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        try (LogCapture log = LogCapture.socklab(); Socket socket = new Socket()) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.connect(address);
            exchange.begin(socket);
            // Taken now: a closed socket forgets its address.
            String client = "tcp " + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort() + " -> ";
            int before = log.lines().size();
            switch (misbehaviour) {
                case RESET -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                case HALF_CLOSE -> socket.shutdownOutput();
                case VANISH -> { }
            }
            Duration bound = misbehaviour == Misbehaviour.VANISH ? VANISHED_FREED_WITHIN : FREED_WITHIN;
            Await.until(() -> server.openConnections() == 0, bound, exchange + " freed its connection");
            Await.until(() -> log.lines().stream().anyMatch(line -> line.contains(client)), WAIT, "the closing line");
            List<String> lines = log.lines();
            assertThat(lines).as("closing lines").filteredOn(line -> line.contains(client)).hasSize(1);
            // A service that had finished already (hello, qotd, time) logged its line before the client misbehaved.
            assertThat(lines.subList(before, lines.size())).as("what the server logged after the client " + misbehaviour)
                    .hasSizeLessThanOrEqualTo(1).allMatch(line -> line.contains(client));
            assertThat(log.warnings()).isEmpty();
        }
    }

    private static ArpTable table() {
        return ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0D").build();
    }
}
