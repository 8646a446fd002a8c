package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/** The connection limit turns clients away with one line, and serves again once a permit is back. */
@Timeout(20)
class LimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Limits ONE_AT_A_TIME = Limits.DEFAULTS.withMaxConnections(1);
    /** As many listening sockets as {@code socklab serve} opens with every default service. */
    private static final int LISTENERS = 20;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void clientPastTheConnectionLimitIsToldSoAndClosed(StreamTransport transport) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve(TestServices.shout(), transport);
            try (RawClient first = RawClient.connect(bound)) {
                first.send("first\n");
                assertThat(first.readLine(WAIT)).isEqualTo("FIRST"); // served, and holding the only permit

                String expected;
                try (RawClient second = RawClient.connect(bound)) {
                    expected = ClosingLine.of("shout#2", bound, second, "refused by a limit: too many connections (1)");
                    assertThat(second.readAll(WAIT)).isEqualTo("socklab: too many connections (1); try again later\r\n");
                }
                assertThat(log.awaitContaining(expected)).startsWith(expected);

                first.send("still here\n");
                assertThat(first.readLine(WAIT)).isEqualTo("STILL HERE");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void clientIsServedAgainOnceTheConnectionsEnd(StreamTransport transport) throws IOException {
        Endpoint bound = serve(TestServices.shout(), transport);
        try (RawClient first = RawClient.connect(bound)) {
            first.send("first\n");
            assertThat(first.readLine(WAIT)).isEqualTo("FIRST");
            try (RawClient refused = RawClient.connect(bound)) {
                assertThat(refused.readAll(WAIT)).startsWith("socklab: too many connections");
            }
        }
        Await.until(() -> servers.server().openConnections() == 0, WAIT, "the first connection ends");

        try (RawClient third = servedOnceFree(bound, "third")) {
            third.send("still third\n");
            assertThat(third.readLine(WAIT)).isEqualTo("STILL THIRD");
        }
    }

    @ParameterizedTest
    @EnumSource(StreamTransport.class)
    void serviceWithoutARefusalLineHasItsClientClosedInSilence(StreamTransport transport) throws IOException {
        Endpoint bound = serve(new Silent(), transport);
        try (RawClient first = RawClient.connect(bound)) {
            Await.until(() -> servers.server().openConnections() == 1, WAIT, "the first connection is served");

            try (RawClient second = RawClient.connect(bound)) {
                assertThat(second.readAll(WAIT)).isEmpty();
            }
        }
    }

    /**
     * Before, each listener held a permit while it waited in {@code accept()}: with 20 listeners,
     * a limit of 10 served 1 client and a limit of 5 none.
     */
    @ParameterizedTest(name = "{0} at once over " + LISTENERS + " listeners")
    @ValueSource(ints = {1, 5, 10})
    void theLimitIsExactlyNConnectionsHoweverManyListenersShareIt(int max) throws IOException {
        Server.Builder builder = Server.builder().limits(Limits.DEFAULTS.withMaxConnections(max));
        for (int i = 0; i < LISTENERS; i++) {
            builder.stream("shout" + i, TestServices.shout(), StreamTransport.TCP_IPV4.endpoint(dir));
        }
        List<Endpoint> bound = servers.start(builder).bindings().stream().map(Binding::endpoint).toList();
        List<RawClient> served = new ArrayList<>();
        try {
            // Spread over the listeners, the last of them left for the clients past the limit.
            for (int i = 0; i < max; i++) {
                RawClient client = RawClient.connect(bound.get(i * 3 % (LISTENERS - 1)));
                served.add(client);
                client.send("client " + i + "\n");
                assertThat(client.readLine(WAIT)).as("client %d of %d", i + 1, max).isEqualTo("CLIENT " + i);
            }
            String refusal = "socklab: too many connections (" + max + "); try again later\r\n";
            try (RawClient over = RawClient.connect(bound.getLast())) {
                assertThat(over.readAll(WAIT)).isEqualTo(refusal);
            }
            for (int i = 0; i < max; i++) {
                served.get(i).send("still " + i + "\n");
                assertThat(served.get(i).readLine(WAIT)).isEqualTo("STILL " + i);
            }

            served.removeFirst().close();
            Await.until(() -> servers.server().openConnections() == max - 1, WAIT, "the first connection ends");
            // The freed slot is taken on a listener that no client has used, and then the server is full again.
            try (RawClient again = servedOnceFree(bound.getLast(), "again")) {
                try (RawClient over = RawClient.connect(bound.get(LISTENERS - 2))) {
                    assertThat(over.readAll(WAIT)).isEqualTo(refusal);
                }
            }
        } finally {
            for (RawClient client : served) {
                client.close();
            }
        }
    }

    @Test
    void aBugInARefusalCostsThatClientAloneNotTheListener() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve(new RefusalBug(), StreamTransport.TCP_IPV4);
            try (RawClient first = RawClient.connect(bound)) {
                Await.until(() -> servers.server().openConnections() == 1, WAIT, "the first connection is served");
                try (RawClient second = RawClient.connect(bound)) {
                    assertThat(second.readAll(WAIT)).isEmpty();
                }
                assertThat(log.awaitContaining("a connection was dropped unserved by a bug"))
                        .contains("IllegalStateException: no words for " + "too many connections (1)");
            }
            Await.until(() -> servers.server().openConnections() == 0, WAIT, "the first connection ends");

            // The listener still accepts, and the permit count came through intact.
            servedOnceFree(bound, "third").close();
        }
    }

    @Test
    void limitsThatWouldRefuseEverythingOrWaitForEverAreRejected() {
        assertThatThrownBy(() -> Limits.DEFAULTS.withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Limits.DEFAULTS.withIdleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle timeout");
        assertThatThrownBy(() -> Limits.DEFAULTS.withMaxLineLength(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line length");
        assertThatThrownBy(() -> Limits.DEFAULTS.withMaxLineLength(Limits.MAX_LINE_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 MiB");
        assertThatThrownBy(() -> Limits.DEFAULTS.withShutdownGrace(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
        assertThat(Limits.DEFAULTS.withShutdownGrace(Duration.ZERO).shutdownGrace()).isZero();
    }

    private Endpoint serve(StreamService service, StreamTransport transport) {
        return servers.start(Server.builder().limits(ONE_AT_A_TIME)
                .stream("shout", service, transport.endpoint(dir))).bindings().getFirst().endpoint();
    }

    /** Serves as {@link TestServices#shout()} does, and fails when it should word a refusal. */
    private static final class RefusalBug implements StreamService {
        @Override
        public void serve(Connection connection) throws IOException {
            TestServices.shout().serve(connection);
        }

        @Override
        public Optional<String> refusalLine(String reason) {
            throw new IllegalStateException("no words for " + reason);
        }
    }

    /** A binary protocol's way: holds its client until EOF and has no line to refuse anyone with. */
    private static final class Silent implements StreamService {
        @Override
        public void serve(Connection connection) throws IOException {
            TestServices.sink().serve(connection);
        }

        @Override
        public Optional<String> refusalLine(String reason) {
            return Optional.empty();
        }
    }

    /**
     * A client of the shout service, served once the slot the test freed is free: a connection
     * leaves the open count just before its permit goes back, so a client that connects in
     * between is still told the server is full, and the next one tries again.
     */
    private static RawClient servedOnceFree(Endpoint endpoint, String text) {
        RawClient[] served = {null};
        Await.until(() -> {
            RawClient client = null;
            try {
                client = RawClient.connect(endpoint);
                client.send(text + "\n");
                if (text.toUpperCase(Locale.ROOT).equals(client.readLine(WAIT))) {
                    served[0] = client;
                    return true;
                }
            } catch (IOException refusedAndReset) {
                // A refusal's close met our line: not served, try again.
            }
            try {
                if (client != null) {
                    client.close();
                }
            } catch (IOException alreadyGone) {
                // Refused and closed by the server: nothing left to close.
            }
            return false;
        }, WAIT, "a client served once the freed slot is free");
        return served[0];
    }
}
