package dev.socklab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.service.Connection;
import dev.socklab.service.StreamService;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * The handshake counts as the first request, for every service: one whose clients may wait before
 * their first request (http, chat) is exempt from {@code --first-request-timeout} once the
 * handshake is done, but not during it, or a client trickling its ClientHello would hold the
 * connection for as long as it kept sending.
 */
@Timeout(30)
class HandshakeDeadlineTest {
    /** A service exempt from the first-request deadline, as http and chat are. */
    private static final StreamService PATIENT = new StreamService() {
        @Override
        public void serve(Connection conn) throws IOException {
            conn.readLine().ifPresent(line -> conn.log().info("read {}", line));
        }

        @Override
        public boolean firstRequestDeadlineApplies() {
            return false;
        }
    };

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private TestCertificates pair;

    private InetSocketAddress servePatientOverTls(Duration firstRequestTimeout) {
        pair = TestCertificates.in(dir);
        Limits limits = Limits.DEFAULTS.withFirstRequestTimeout(firstRequestTimeout)
                .withIdleTimeout(Duration.ofMinutes(5));
        Server server = servers.start(Server.builder().limits(limits).tls(pair.serverTls())
                .stream("patient", PATIENT, Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    @Test
    void aClientThatNeverFinishesItsHandshakeIsClosedAtTheFirstRequestDeadlineEvenForAnExemptService()
            throws IOException {
        InetSocketAddress bound = servePatientOverTls(Duration.ofSeconds(1));

        try (LogCapture log = LogCapture.socklab(); Socket silent = new Socket(bound.getAddress(), bound.getPort())) {
            silent.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            silent.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // the start of a record, and no more
            InputStream in = silent.getInputStream();
            assertThat(readUntilClosed(in)).as("the server closed the connection").isTrue();
            assertThat(log.awaitContaining("patient#1 tls", "timed out: no complete request within 1s")).isNotEmpty();
        }
    }

    @Test
    void afterItsHandshakeAClientOfAnExemptServiceMayWaitPastTheFirstRequestDeadline() throws IOException {
        // Long enough for a first handshake in a cold JVM on a loaded machine.
        InetSocketAddress bound = servePatientOverTls(Duration.ofSeconds(3));

        try (LogCapture log = LogCapture.socklab();
             SSLSocket waiting = TlsClients.connect(pair.clientContext(), bound)) {
            waiting.startHandshake();
            // A connection made after this one has met its first-request deadline: this one's has passed too.
            try (Socket silent = new Socket(bound.getAddress(), bound.getPort())) {
                log.await(line -> line.contains("patient#2 tls") && line.contains("timed out: no complete request within 3s"),
                        Duration.ofSeconds(10));
            }
            waiting.getOutputStream().write("late\n".getBytes(StandardCharsets.US_ASCII));
            waiting.getOutputStream().flush();
            assertThat(log.awaitContaining("read late")).isNotEmpty();
        }
    }

    /** Whether the server ended the connection (EOF or reset) before the read timed out. */
    private static boolean readUntilClosed(InputStream in) {
        try {
            return in.readAllBytes() != null;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
