package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;
import dev.socklab.trace.Tracer;

/** With a tracer, every socket call a connection makes is printed in the C API's words; without one, nothing. */
@Timeout(20)
class TracingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    @Test
    void greetingConnectionIsTracedCallByCall() throws IOException {
        Endpoint bound = servers.start(traced().stream("hello", TestServices.greeting(),
                StreamTransport.TCP_IPV4.endpoint(dir))).bindings().getFirst().endpoint();

        String client;
        try (LogCapture log = LogCapture.socklab(); RawClient raw = RawClient.connect(bound)) {
            client = SocketAddresses.format(raw.local());
            raw.readAll(WAIT);
            log.awaitContaining("hello#1 "); // logged after the close is traced
        }

        // Tags are padded to a column of ten, as in the Tracer's own example.
        assertThat(trace.toString(StandardCharsets.UTF_8)).containsSubsequence(
                " trace hello/tcp  socket(AF_INET, SOCK_STREAM)\n",
                " trace hello/tcp  bind(" + SocketAddresses.format(bound.address()) + ")\n",
                " trace hello/tcp  listen(backlog=",
                " trace hello/tcp  accept() = hello#1 from " + client + "\n",
                " trace hello#1    send(14) = 14 \"Hello World!\\r\\n\"\n",
                " trace hello#1    close()\n");
    }

    @ParameterizedTest
    @CsvSource({
        "TCP_IPV4, AF_INET",
        "TCP_IPV6, AF_INET6",
        "UNIX,     AF_UNIX",
    })
    void socketCallNamesTheAddressFamily(StreamTransport transport, String family) {
        Server server = servers.start(traced().stream("hello", TestServices.greeting(), transport.endpoint(dir)));

        assertThat(trace.toString(StandardCharsets.UTF_8)).contains("socket(" + family + ", SOCK_STREAM)")
                .contains("bind(" + SocketAddresses.format(server.bindings().getFirst().endpoint().address()) + ")");
    }

    @Test
    void datagramExchangeIsTracedAsRecvfromAndSendto() throws IOException {
        Server server = servers.start(traced().datagram("echo", datagram -> datagram.reply(datagram.payload()),
                StreamTransport.udp(false)));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();

        try (DatagramChannel client = DatagramChannel.open().connect(bound)) {
            String from = SocketAddresses.format(client.getLocalAddress());
            client.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
            // The whole line: a line may be written in two parts, its text and its end.
            Await.until(() -> trace.toString(StandardCharsets.UTF_8).contains("sendto(4) = 4 to " + from + " \"ping\"\n"),
                    WAIT, "the reply is traced");

            assertThat(trace.toString(StandardCharsets.UTF_8)).containsSubsequence(
                    " trace echo/udp   socket(AF_INET, SOCK_DGRAM)\n",
                    " trace echo/udp   bind(" + SocketAddresses.format(bound) + ")\n",
                    " trace echo/udp   recvfrom(65536) = 4 from " + from + " \"ping\"\n",
                    " trace echo/udp   sendto(4) = 4 to " + from + " \"ping\"\n");
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void serverWithoutATracerPrintsNothing() throws IOException {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true));
        System.setErr(new PrintStream(printed, true));
        try {
            Server server = servers.start(Server.builder().tracer(Tracer.off())
                    .stream("hello", TestServices.greeting(), StreamTransport.TCP_IPV4.endpoint(dir)));
            try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(server.bindings().getFirst().endpoint())) {
                assertThat(client.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
                log.awaitContaining("hello#1 ");
            }
            server.stop(Duration.ZERO);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("trace");
        assertThat(Tracer.off().enabled()).isFalse();
    }

    @Test
    void aServicesSecretsShowAsStars() throws IOException {
        StreamService login = new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                while (conn.readLine().isPresent()) {
                    conn.writeLine("ok");
                }
            }

            @Override
            public List<String> secretsInTrace() {
                return List.of("PASS ");
            }
        };
        Endpoint bound = servers.start(traced().stream("login", login, StreamTransport.TCP_IPV4.endpoint(dir)))
                .bindings().getFirst().endpoint();
        try (LogCapture log = LogCapture.socklab(); RawClient raw = RawClient.connect(bound)) {
            raw.send("USER alice\r\n");
            raw.read(4, WAIT);
            raw.send("pass hunter2\r\nNOOP\r\n");
            raw.read(4, WAIT);
            raw.read(4, WAIT);
            raw.shutdownOutput();
            log.awaitContaining("login#1 ");
        }
        String text = trace.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"USER alice\\r\\n\"").contains("NOOP").doesNotContain("hunter2");
        assertThat(text).contains("*******");
    }

    /** A server builder whose tracer prints to {@link #trace}. */
    private Server.Builder traced() {
        return Server.builder().tracer(Tracer.printingTo(new PrintStream(trace, true)));
    }
}
