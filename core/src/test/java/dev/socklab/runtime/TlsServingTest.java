package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
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

import dev.socklab.net.SocketAddresses;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/** A service runs unchanged over TLS: the handshake before it, plaintext to it, the session on its closing line. */
@Timeout(20)
class TlsServingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    private Server serveShoutOverTls(TestCertificates pair) {
        return servers.start(Server.builder().tls(pair.serverTls())
                .stream("shout", TestServices.shout(), Endpoint.tls(new InetSocketAddress("127.0.0.1", 0))));
    }

    private static InetSocketAddress address(Server server) {
        return (InetSocketAddress) server.bindings().getFirst().endpoint().address();
    }

    @Test
    void aServiceTalksPlaintextOverTlsAndItsLineNamesTheSession() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        try (LogCapture log = LogCapture.socklab()) {
            InetSocketAddress bound = address(serveShoutOverTls(pair));
            try (SSLSocket client = (SSLSocket) pair.clientContext().getSocketFactory()
                    .createSocket(bound.getAddress(), bound.getPort())) {
                client.setSoTimeout((int) WAIT.toMillis());
                client.startHandshake();
                OutputStream out = client.getOutputStream();
                out.write("hello\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("HELLO");
                assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
            String line = log.awaitContaining("shout#1 tls 127.0.0.1:", " -> " + SocketAddresses.format(bound));
            assertThat(line).contains("; TLSv1.3 TLS_").contains("(in 6 B, out 7 B");
        }
    }

    @Test
    void plaintextToATlsPortGetsNoPageIsCountedAsARefusalAndTheListenerGoesOn() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        try (LogCapture log = LogCapture.socklab()) {
            Server server = serveShoutOverTls(pair);
            InetSocketAddress bound = address(server);
            try (Socket plain = new Socket(bound.getAddress(), bound.getPort())) {
                plain.setSoTimeout((int) WAIT.toMillis());
                plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = plain.getInputStream().readAllBytes();
                // Nothing a browser could take for a page: at most a TLS alert record (content type 21).
                assertThat(answer.length == 0 || answer[0] == 21).as("answer %s", new String(answer, StandardCharsets.ISO_8859_1)).isTrue();
            }
            assertThat(log.awaitContaining("shout#1 tls", "TLS handshake failed")).isNotEmpty();
            Await.until(() -> server.refusals().failedHandshakes() == 1, WAIT, "the failed handshake counted");
            assertThat(server.listenerStats().getFirst().refused()).containsEntry(Refusals.TLS_HANDSHAKE, 1L)
                    .containsEntry(Refusals.DENIED, 0L);
            try (SSLSocket client = (SSLSocket) pair.clientContext().getSocketFactory()
                    .createSocket(bound.getAddress(), bound.getPort())) {
                client.setSoTimeout((int) WAIT.toMillis());
                client.getOutputStream().write("again\n".getBytes(StandardCharsets.UTF_8));
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("AGAIN");
            }
        }
    }
}
