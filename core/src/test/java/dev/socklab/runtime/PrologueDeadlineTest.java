package dev.socklab.runtime;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import dev.socklab.net.AddressSet;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.proxy.ProxyVersion;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ProxyHeaders;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * A PROXY header and a TLS handshake are held to the first request's deadline even for a service
 * whose clients rightly wait before their first request (chat), which is not held to it itself:
 * before, such a service's prologue had the idle timeout alone (chat's own: 30 minutes), and a
 * connection that never sent its header, or never began its handshake, held a thread that long.
 * Once the prologue is done, the service's clients may wait as before. The cases wait out the
 * deadline, each on a server of its own: they run side by side.
 */
@Timeout(30)
class PrologueDeadlineTest {
    /** Long enough for a TLS handshake on a busy machine: the first of a JVM loads its crypto. */
    private static final Duration FIRST = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(literal("127.0.0.1"), 0);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /**
     * SLF4J gives a thread that asks for a logger while another thread initialises it a stand-in,
     * which {@link LogCapture} cannot use: it is initialised here, before the cases run side by side.
     */
    @BeforeAll
    static void initialiseLogging() {
        LogCapture.socklab().close();
    }

    /** Shouts, and is not held to the first-request deadline, as chat is not. */
    private static StreamService patient() {
        return new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                TestServices.shout().serve(conn);
            }

            @Override
            public boolean firstRequestDeadlineApplies() {
                return false;
            }
        };
    }

    private Server serve(Endpoint endpoint, ServiceLimits limits, Server.Builder builder) {
        return servers.start(builder.limits(Limits.DEFAULTS.withFirstRequestTimeout(FIRST))
                .stream("patient", patient(), endpoint, limits));
    }

    private Endpoint serveBehindProxy() {
        ProxyPolicy policy = new ProxyPolicy(EnumSet.allOf(ProxyVersion.class), AddressSet.parse("127.0.0.1"), false);
        return serve(Endpoint.tcp(LOOPBACK), ServiceLimits.NONE.withProxy(policy), Server.builder())
                .bindings().getFirst().endpoint();
    }

    /** How long from now until a second past the first-request deadline of a connection accepted at {@code accepted}. */
    private static Duration pastTheDeadline(long accepted) {
        return FIRST.plusSeconds(1).minusNanos(System.nanoTime() - accepted);
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aProxyThatSendsNoHeaderIsCutOffAtTheDeadlineThoughTheServiceIsExempt() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serveBehindProxy();
            try (RawClient silent = RawClient.connect(bound)) {
                String expected = ClosingLine.of("patient#1", bound, silent, "timed out: no complete request within 2s");
                assertThat(silent.closedWithin(WAIT)).isTrue();
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void afterTheHeaderTheExemptServicesClientMayWaitBeforeItsFirstRequest() throws IOException {
        Endpoint bound = serveBehindProxy();
        long accepted = System.nanoTime();
        try (LogCapture log = LogCapture.socklab(); RawClient proxy = RawClient.connect(bound)) {
            proxy.send(ProxyHeaders.v1(new InetSocketAddress(literal("203.0.113.7"), 5000),
                    new InetSocketAddress(literal("192.0.2.1"), 80)));
            assertThat(proxy.closedWithin(pastTheDeadline(accepted))).as("closed: %s", log.lines()).isFalse();
            proxy.send("late\n");
            assertThat(proxy.readLine(WAIT)).isEqualTo("LATE");
        }
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aClientThatNeverBeginsItsHandshakeIsCutOffAtTheDeadlineThoughTheServiceIsExempt() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serve(Endpoint.tls(LOOPBACK), ServiceLimits.NONE, Server.builder().tls(pair.serverTls()))
                    .bindings().getFirst().endpoint();
            try (RawClient silent = RawClient.connect(bound)) {
                assertThat(silent.closedWithin(WAIT)).isTrue();
                assertThat(log.awaitContaining("patient#1 tls ", "timed out: no complete request within 2s")).isNotEmpty();
            }
            InetSocketAddress address = (InetSocketAddress) bound.address();
            long accepted = System.nanoTime();
            try (SSLSocket client = (SSLSocket) pair.clientContext().getSocketFactory()
                    .createSocket(address.getAddress(), address.getPort())) {
                client.setSoTimeout((int) WAIT.toMillis());
                client.startHandshake();
                // Nothing comes, and no close, until well past the deadline: the read times out on the client's side.
                client.setSoTimeout((int) pastTheDeadline(accepted).toMillis());
                assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                client.setSoTimeout((int) WAIT.toMillis());
                OutputStream out = client.getOutputStream();
                out.write("late\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("LATE");
            }
        }
    }
}
