package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.SocketAddresses;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** A service runs unchanged over every stream transport, and each connection ends in one log line. */
@Timeout(20)
class StreamServingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void lineEchoAnswersEveryLine(StreamTransport transport) throws IOException {
        Endpoint bound = servers.stream("shout", TestServices.shout(), transport.endpoint(dir));

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
        Endpoint bound = servers.stream("hello", TestServices.greeting(), transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            assertThat(client.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void serviceThatReturnsFirstIsLoggedAsClosedByServer(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = servers.stream("hello", TestServices.greeting(), transport.endpoint(dir));
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
            Endpoint bound = servers.stream("shout", TestServices.shout(), transport.endpoint(dir));
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
            Endpoint bound = servers.stream("sink", TestServices.sink(), transport.endpoint(dir));
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
            Endpoint bound = servers.stream("hello", TestServices.greeting(), transport.endpoint(dir));
            for (int i = 0; i < 3; i++) {
                try (RawClient client = RawClient.connect(bound)) {
                    client.readAll(WAIT);
                }
            }

            // The server closes before it logs, so the client may be done with the next connection
            // before a line is written: wait for all three, in whatever order they were written.
            log.await(line -> log.lines().stream().filter(l -> l.contains(" closed by server ")).count() == 3, WAIT);
            assertThat(log.lines()).filteredOn(line -> line.contains(" closed by server "))
                    .extracting(line -> line.substring(0, line.indexOf(' ')))
                    .containsExactlyInAnyOrder("hello#1", "hello#2", "hello#3");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void clientsAreServedAtTheSameTime(StreamTransport transport) throws IOException {
        Endpoint bound = servers.stream("shout", TestServices.shout(), transport.endpoint(dir));
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
            assertThat(servers.server().openConnections()).isEqualTo(20);
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
        Endpoint bound = servers.stream("whoami", conn -> serving.complete(Thread.currentThread()),
                transport.endpoint(dir));

        try (RawClient client = RawClient.connect(bound)) {
            Thread thread = serving.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

            assertThat(thread.isVirtual()).isTrue();
            assertThat(thread.getName()).contains("whoami").contains(SocketAddresses.format(client.local()));
        }
    }
}
