package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * The TLS handshake is the first request: a client that stops in the middle of its ClientHello is
 * closed at the first-request deadline, also by a service whose own clients may wait before their
 * first request (http, chat), which otherwise only the idle timeout would bound.
 */
@Timeout(20)
class TlsHandshakeDeadlineTest {
    private static final Duration FIRST_REQUEST = Duration.ofMillis(300);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** A service that reads lines, and says whether its clients may wait before the first. */
    private static StreamService reader(boolean deadlineApplies) {
        return new StreamService() {
            @Override
            public void serve(Connection conn) throws IOException {
                while (conn.readLine().isPresent()) {
                    conn.writeLine("ok");
                }
            }

            @Override
            public boolean firstRequestDeadlineApplies() {
                return deadlineApplies;
            }
        };
    }

    @ParameterizedTest(name = "first-request deadline applies to the service: {0}")
    @ValueSource(booleans = {true, false})
    void aClientHelloCutShortIsClosedAtTheFirstRequestDeadline(boolean deadlineApplies) throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        // An idle timeout far past the test's: only the first-request deadline can end the connection in time.
        Limits limits = Limits.DEFAULTS.withFirstRequestTimeout(FIRST_REQUEST).withIdleTimeout(Duration.ofMinutes(5));
        Server server = servers.start(Server.builder().tls(pair.serverTls()).limits(limits)
                .stream("reader", reader(deadlineApplies), Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        try (LogCapture log = LogCapture.socklab(); RawClient client = RawClient.connect(bound)) {
            client.send(Arrays.copyOf(clientHello(pair), 20));

            assertThat(client.closedWithin(Duration.ofSeconds(10))).isTrue();
            assertThat(log.awaitContaining("reader#1 tls", "timed out")).contains("no complete request within 300ms");
        }
    }

    private static byte[] clientHello(TestCertificates pair) throws IOException {
        SSLEngine engine = pair.clientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }
}
