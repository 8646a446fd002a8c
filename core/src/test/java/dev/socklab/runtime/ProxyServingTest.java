package dev.socklab.runtime;

import static dev.socklab.testing.AddressLiteral.literal;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.socklab.net.AddressSet;
import dev.socklab.net.SocketAddresses;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.proxy.ProxyVersion;
import dev.socklab.service.StreamService;
import dev.socklab.testing.Await;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ProxyHeaders;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;

/**
 * A service behind a proxy that sends the PROXY protocol: the client the header names is the
 * service's peer and the one its limits and log line see, the proxy its {@code via}; a connection
 * from an untrusted sender, or without a valid header in time, ends without a byte of the service.
 */
@Timeout(20)
class ProxyServingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration FIRST = Duration.ofMillis(300);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(literal("203.0.113.7"), 5000);
    private static final InetSocketAddress OTHER_CLIENT = new InetSocketAddress(literal("198.51.100.9"), 6000);
    private static final InetSocketAddress FRONT = new InetSocketAddress(literal("192.0.2.1"), 80);
    private static final Set<ProxyVersion> ANY = EnumSet.allOf(ProxyVersion.class);
    private static final ProxyPolicy LOOPBACK_PROXY = new ProxyPolicy(ANY, AddressSet.parse("127.0.0.0/8"), false);
    private static final Endpoint TCP = Endpoint.tcp(new InetSocketAddress(literal("127.0.0.1"), 0));

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    /** Answers each line with who the client is, as the service sees it: {@code PEER via VIA}, or {@code PEER direct}. */
    private static StreamService whoAmI() {
        return conn -> {
            while (conn.readLine().isPresent()) {
                conn.writeLine(SocketAddresses.format(conn.peer())
                        + conn.via().map(via -> " via " + SocketAddresses.format(via)).orElse(" direct"));
            }
        };
    }

    private Endpoint serve(ServiceLimits limits, Endpoint endpoint) {
        return servers.start(Server.builder().stream("behind", whoAmI(), endpoint, limits)).bindings().getFirst().endpoint();
    }

    private Endpoint serveBehindProxy() {
        return serve(ServiceLimits.NONE.withProxy(LOOPBACK_PROXY), TCP);
    }

    /** Behind a proxy, with a first-request deadline short enough to wait for. */
    private Endpoint serveBehindProxyWithAShortDeadline() {
        return servers.start(Server.builder().limits(Limits.DEFAULTS.withFirstRequestTimeout(FIRST))
                .stream("behind", whoAmI(), TCP, ServiceLimits.NONE.withProxy(LOOPBACK_PROXY))).bindings().getFirst().endpoint();
    }

    @ParameterizedTest
    @EnumSource(ProxyVersion.class)
    void theClientAHeaderNamesIsThePeerAndTheProxyIsVia(ProxyVersion version) throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serveBehindProxy();
            try (RawClient proxy = RawClient.connect(bound)) {
                String via = SocketAddresses.format(proxy.local());
                proxy.send(ProxyHeaders.concat(header(version, CLIENT), "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(proxy.readLine(WAIT)).isEqualTo("203.0.113.7:5000 via " + via);
                proxy.send("again\n");
                assertThat(proxy.readLine(WAIT)).isEqualTo("203.0.113.7:5000 via " + via);
                proxy.shutdownOutput();
                assertThat(proxy.readAll(WAIT)).isEmpty();
                // The header's bytes are the proxy's, not the client's: the count starts after it.
                String expected = "behind#1 tcp 203.0.113.7:5000 via " + via + " -> " + SocketAddresses.format(bound.address())
                        + " closed by client (in 10 B, out ";
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
        }
    }

    @Test
    void bytesThatCameAfterTheHeaderInOneSegmentReachTheService() throws IOException {
        Endpoint bound = serveBehindProxy();
        try (RawClient proxy = RawClient.connect(bound)) {
            proxy.send(ProxyHeaders.concat(ProxyHeaders.v1(CLIENT, FRONT), "one\ntwo\nthree\n".getBytes(StandardCharsets.US_ASCII)));
            for (int i = 0; i < 3; i++) {
                assertThat(proxy.readLine(WAIT)).startsWith("203.0.113.7:5000 via ");
            }
        }
    }

    @Test
    void localAndUnknownLeaveTheConnectionsOwnAddress() throws IOException {
        Endpoint bound = serveBehindProxy();
        for (byte[] header : new byte[][] {ProxyHeaders.v2Local(), "PROXY UNKNOWN\r\n".getBytes(StandardCharsets.US_ASCII)}) {
            try (RawClient proxy = RawClient.connect(bound)) {
                proxy.send(ProxyHeaders.concat(header, "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(proxy.readLine(WAIT)).isEqualTo(SocketAddresses.format(proxy.local()) + " direct");
            }
        }
    }

    @Test
    void anUntrustedSenderIsClosedWithoutAByteAndCountedAsARefusal() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder().stream("behind", whoAmI(), TCP,
                    ServiceLimits.NONE.withProxy(new ProxyPolicy(ANY, AddressSet.parse("127.0.0.2"), false))));
            Endpoint bound = server.bindings().getFirst().endpoint();
            try (RawClient stranger = RawClient.connect(bound)) {
                String expected = ClosingLine.of("behind#1", bound, stranger, "denied: not a trusted proxy (--proxy-trust)");
                offer(stranger, ProxyHeaders.concat(ProxyHeaders.v1(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(readUntilClosed(stranger)).isEmpty();
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
            try (RawClient trusted = RawClient.connectFrom(literal("127.0.0.2"), bound)) {
                trusted.send(ProxyHeaders.concat(ProxyHeaders.v1(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(trusted.readLine(WAIT)).startsWith("203.0.113.7:5000 via 127.0.0.2:");
            }
            Await.until(() -> server.refusals().untrustedProxies() == 1, WAIT, "the untrusted sender counted");
            // Under its own reason, not as a deny list's.
            assertThat(server.listenerStats().getFirst().refused()).containsEntry(Refusals.UNTRUSTED_PROXY, 1L)
                    .containsEntry(Refusals.DENIED, 0L);
        }
    }

    @Test
    void aMissingGarbageOrOverlongHeaderIsClosedWithoutAByteCountedAndTheListenerGoesOn() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder().stream("behind", whoAmI(), TCP,
                    ServiceLimits.NONE.withProxy(LOOPBACK_PROXY)));
            Endpoint bound = server.bindings().getFirst().endpoint();
            String[][] cases = {
                {"who\n", "not a PROXY protocol header"},
                {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "not a PROXY protocol header"},
                {"PROXY TCP4 203.0.113.7 192.0.2.1 05000 80\r\nwho\n", "PROXY v1 source port is not a number"},
                {"PROXY UNKNOWN " + "x".repeat(200) + "\r\nwho\n", "PROXY v1 line longer than 107 bytes"},
            };
            for (int i = 0; i < cases.length; i++) {
                try (RawClient client = RawClient.connect(bound)) {
                    String expected = ClosingLine.of("behind#" + (i + 1), bound, client,
                            "refused: no valid PROXY header: " + cases[i][1]);
                    offer(client, cases[i][0].getBytes(StandardCharsets.US_ASCII));
                    assertThat(readUntilClosed(client)).as(cases[i][0]).isEmpty();
                    assertThat(log.awaitContaining(expected)).startsWith(expected);
                }
            }
            try (RawClient proxy = RawClient.connect(bound)) {
                proxy.send(ProxyHeaders.concat(ProxyHeaders.v2(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(proxy.readLine(WAIT)).startsWith("203.0.113.7:5000 via ");
            }
            Await.until(() -> server.refusals().badProxyHeaders() == cases.length, WAIT, "each bad header counted");
            assertThat(server.listenerStats().getFirst().refused()).containsEntry(Refusals.PROXY_HEADER, (long) cases.length);
        }
    }

    @Test
    void aHeaderTrickledSlowerThanTheFirstRequestDeadlineIsCutOff() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serveBehindProxyWithAShortDeadline();
            byte[] header = ProxyHeaders.v1(CLIENT, FRONT);
            long start = System.nanoTime();
            try (RawClient slow = RawClient.connect(bound)) {
                String expected = ClosingLine.of("behind#1", bound, slow, "timed out: no complete request within 300ms");
                int sent = 0;
                boolean closed = false;
                while (sent < header.length - 1 && !closed) {
                    try {
                        slow.send(new byte[] {header[sent++]});
                    } catch (IOException e) {
                        break; // reset by the server
                    }
                    closed = slow.closedWithin(Duration.ofMillis(100));
                }
                assertThat(sent).as("bytes sent before the close").isLessThan(header.length - 1);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FIRST);
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
        }
    }

    @Test
    void aProxyThatConnectsAndSaysNothingIsCutOffAtTheDeadline() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            Endpoint bound = serveBehindProxyWithAShortDeadline();
            try (RawClient silent = RawClient.connect(bound)) {
                String expected = ClosingLine.of("behind#1", bound, silent, "timed out: no complete request within 300ms");
                assertThat(silent.closedWithin(WAIT)).isTrue();
                assertThat(log.awaitContaining(expected)).startsWith(expected);
            }
        }
    }

    @Test
    void overAUnixSocketTheProxyIsTrustedWithUnix() throws IOException {
        Endpoint unix = Endpoint.unix(dir.resolve("behind.sock"));
        Endpoint bound = serve(ServiceLimits.NONE.withProxy(new ProxyPolicy(ANY, AddressSet.EMPTY, true)), unix);
        try (RawClient proxy = RawClient.connect(bound)) {
            proxy.send(ProxyHeaders.concat(ProxyHeaders.v2(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(proxy.readLine(WAIT)).isEqualTo("203.0.113.7:5000 via unix:(unnamed)");
        }
        Endpoint notTrusted = serve(ServiceLimits.NONE.withProxy(LOOPBACK_PROXY), Endpoint.unix(dir.resolve("strict.sock")));
        try (RawClient proxy = RawClient.connect(notTrusted)) {
            offer(proxy, ProxyHeaders.concat(ProxyHeaders.v2(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(readUntilClosed(proxy)).isEmpty();
        }
    }

    @Test
    void theDenyListSeesTheClientTheHeaderNamesNotTheProxy() throws IOException {
        try (LogCapture log = LogCapture.socklab()) {
            AccessPolicy denyClientAndProxy = new AccessPolicy(AddressSet.EMPTY, AddressSet.parse("203.0.113.0/24,127.0.0.1"));
            Endpoint bound = serve(ServiceLimits.NONE.withAccess(denyClientAndProxy).withProxy(LOOPBACK_PROXY), TCP);
            try (RawClient proxy = RawClient.connect(bound)) {
                proxy.send(ProxyHeaders.concat(ProxyHeaders.v1(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(readUntilClosed(proxy)).isEmpty();
                assertThat(log.awaitContaining("behind#1 tcp 203.0.113.7:5000 via " + SocketAddresses.format(proxy.local()),
                        " denied: ")).isNotEmpty();
            }
            try (RawClient proxy = RawClient.connect(bound)) {
                proxy.send(ProxyHeaders.concat(ProxyHeaders.v1(OTHER_CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
                assertThat(proxy.readLine(WAIT)).startsWith("198.51.100.9:6000 via 127.0.0.1:");
            }
        }
    }

    @Test
    void perSourceLimitsCountTheClientsTheHeadersNameNotTheProxy() throws IOException {
        SourceLimits onePerSource = SourceLimits.OFF.withMaxConnections(1);
        Endpoint bound = serve(ServiceLimits.NONE.withSourceLimits(onePerSource).withProxy(LOOPBACK_PROXY), TCP);
        try (RawClient first = RawClient.connect(bound); RawClient second = RawClient.connect(bound);
             RawClient other = RawClient.connect(bound)) {
            first.send(ProxyHeaders.concat(ProxyHeaders.v1(CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(first.readLine(WAIT)).startsWith("203.0.113.7:5000 via ");
            second.send(ProxyHeaders.v1(new InetSocketAddress(CLIENT.getAddress(), 5001), FRONT));
            assertThat(second.readLine(WAIT)).isEqualTo("socklab: too many connections from your address (1); try again later");
            assertThat(second.readAll(WAIT)).isEmpty();
            other.send(ProxyHeaders.concat(ProxyHeaders.v2(OTHER_CLIENT, FRONT), "who\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(other.readLine(WAIT)).startsWith("198.51.100.9:6000 via ");
        }
    }

    @Test
    void overTlsTheHeaderComesBeforeTheHandshake() throws IOException {
        TestCertificates pair = TestCertificates.in(dir);
        try (LogCapture log = LogCapture.socklab()) {
            Server server = servers.start(Server.builder().tls(pair.serverTls())
                    .stream("behind", whoAmI(), Endpoint.tls(new InetSocketAddress(literal("127.0.0.1"), 0)),
                            ServiceLimits.NONE.withProxy(LOOPBACK_PROXY)));
            InetSocketAddress bound = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
            try (Socket raw = new Socket(bound.getAddress(), bound.getPort())) {
                raw.setSoTimeout((int) WAIT.toMillis());
                raw.getOutputStream().write(ProxyHeaders.v2(CLIENT, FRONT));
                String via = SocketAddresses.format(raw.getLocalSocketAddress());
                try (SSLSocket tls = (SSLSocket) pair.clientContext().getSocketFactory()
                        .createSocket(raw, "localhost", bound.getPort(), true)) {
                    tls.startHandshake();
                    OutputStream out = tls.getOutputStream();
                    out.write("who\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
                    assertThat(in.readLine()).isEqualTo("203.0.113.7:5000 via " + via);
                }
                String line = log.awaitContaining("behind#1 tls 203.0.113.7:5000 via " + via + " -> ");
                assertThat(line).contains("; TLSv1.3 TLS_");
            }
        }
    }

    private static byte[] header(ProxyVersion version, InetSocketAddress client) {
        return version == ProxyVersion.V1 ? ProxyHeaders.v1(client, FRONT) : ProxyHeaders.v2(client, FRONT);
    }

    /** Sends {@code bytes} to a server that may already have closed: a refused client's write may meet the close. */
    private static void offer(RawClient client, byte[] bytes) {
        try {
            client.send(bytes);
        } catch (IOException e) {
            // Closed first: what the test asserts is that nothing comes back.
        }
    }

    /** What the server sent before it closed: a refused connection gets nothing, not even a line. */
    private static String readUntilClosed(RawClient client) throws IOException {
        try {
            return client.readAll(WAIT);
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return ""; // reset: the server closed with the client's bytes unread, and sent none
        }
    }
}
