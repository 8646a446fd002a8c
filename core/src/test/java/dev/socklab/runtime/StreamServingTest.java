package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.StreamTransport;

/** A service runs unchanged over every stream transport, and each connection ends in one log line. */
@Timeout(20)
class StreamServingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private Server server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lineEchoAnswersEveryLine(StreamTransport transport) throws IOException {
        Endpoint bound = serve("shout", TestServices.shout(), transport);

        try (RawClient client = RawClient.connect(bound)) {
            client.send("hello\n");
            assertThat(client.readLine(WAIT)).isEqualTo("HELLO");
            client.send("and again\r\n");
            assertThat(client.readLine(WAIT)).isEqualTo("AND AGAIN");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void greetingArrivesWholeThenTheClientSeesEof(StreamTransport transport) throws IOException {
        Endpoint bound = serve("hello", TestServices.greeting(), transport);

        try (RawClient client = RawClient.connect(bound)) {
            assertThat(client.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void serviceThatReturnsFirstIsLoggedAsClosedByServer(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve("hello", TestServices.greeting(), transport);
            String expected;
            try (RawClient client = RawClient.connect(bound)) {
                expected = ClosingLine.of("hello#1", bound, client, "closed by server (in 0 B, out 14 B, ");
                client.readAll(WAIT);
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected).endsWith(")");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void clientThatHalfClosesFirstIsLoggedAsClosedByClient(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve("shout", TestServices.shout(), transport);
            String expected;
            try (RawClient client = RawClient.connect(bound)) {
                expected = ClosingLine.of("shout#1", bound, client, "closed by client (in 4 B, out 5 B, ");
                client.send("abc\n");
                assertThat(client.readLine(WAIT)).isEqualTo("ABC");
                client.shutdownOutput();
                assertThat(client.readAll(WAIT)).isEmpty();
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void clientThatClosesWhileTheServiceReadsIsLoggedAsClosedByClient(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve("sink", TestServices.sink(), transport);
            String expected;
            try (RawClient client = RawClient.connect(bound)) {
                expected = ClosingLine.of("sink#1", bound, client, "closed by client (in 6 B, out 0 B, ");
                client.send("bytes\n");
            }

            assertThat(log.awaitContaining(expected)).startsWith(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void eachConnectionIsNumberedInTurn(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve("hello", TestServices.greeting(), transport);
            for (int i = 0; i < 3; i++) {
                try (RawClient client = RawClient.connect(bound)) {
                    client.readAll(WAIT);
                }
            }

            log.awaitContaining("hello#3 ");
            assertThat(log.lines()).filteredOn(line -> line.contains(" closed by server "))
                    .extracting(line -> line.substring(0, line.indexOf(' ')))
                    .containsExactly("hello#1", "hello#2", "hello#3");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void clientsAreServedAtTheSameTime(StreamTransport transport) throws IOException {
        Endpoint bound = serve("shout", TestServices.shout(), transport);
        List<RawClient> clients = new ArrayList<>();
        try {
            // All connected and each mid-conversation before any of them leaves.
            for (int i = 0; i < 20; i++) {
                RawClient client = RawClient.connect(bound);
                clients.add(client);
                client.send("client " + i + "\n");
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(clients.get(i).readLine(WAIT)).isEqualTo("CLIENT " + i);
            }
            assertThat(server.openConnections()).isEqualTo(20);
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void serviceRunsInAVirtualThreadNamedAfterServiceAndClient(StreamTransport transport) throws Exception {
        CompletableFuture<Thread> serving = new CompletableFuture<>();
        Endpoint bound = serve("whoami", conn -> serving.complete(Thread.currentThread()), transport);

        try (RawClient client = RawClient.connect(bound)) {
            Thread thread = serving.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(thread.isVirtual()).isTrue();
            assertThat(thread.getName()).contains("whoami").contains(SocketAddresses.format(client.local()));
        }
    }

    private Endpoint serve(String name, StreamService service, StreamTransport transport) {
        server = Server.builder().stream(name, service, transport.endpoint(dir)).build();
        server.start();
        return server.bindings().getFirst().endpoint();
    }
}
