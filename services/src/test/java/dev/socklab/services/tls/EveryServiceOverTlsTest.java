package dev.socklab.services.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.TestCertificates;
import dev.socklab.testing.Tools;

/**
 * Every stream service of the catalog over TLS, with the three TLS terminals people have: openssl
 * s_client, ncat and socat, each verifying the server against the test's certificate. Each
 * service gets the conversation its protocol has, the same with each tool.
 */
@Timeout(30)
class EveryServiceOverTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Seconds from 1900, the time protocol's epoch, to 1970 (RFC 868). */
    private static final long SECONDS_1900_TO_1970 = 2_208_988_800L;

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();
    TestCertificates pair;
    InetSocketAddress server;
    TlsTool tool;

    static Stream<Arguments> cases() {
        return ServiceCatalog.all().stream().filter(s -> s.transports().contains(Transport.TCP))
                .map(ServiceInfo::name)
                .flatMap(service -> Stream.of(TlsTool.values()).map(tool -> Arguments.of(service, tool)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void aCatalogServiceTalksOverTlsWithTheUsualTool(String service, TlsTool tool) throws Exception {
        Tools.require(tool.program());
        this.tool = tool;
        pair = TestCertificates.in(dir);
        server = CatalogOverTls.serve(servers, pair, service);
        switch (service) {
            case "hello" -> assertThat(greeting()).isEqualTo("Hello World!\r\n");
            case "daytime" -> assertThat(greeting()).matches("[^\r\n]*\\d[^\r\n]*\r\n");
            case "qotd" -> assertThat(greeting()).isNotBlank().endsWith("\n");
            case "time" -> time();
            case "chargen" -> chargen();
            case "echo" -> echo();
            case "discard" -> discard();
            case "arp" -> lookup(CatalogOverTls.ARP_IP, CatalogOverTls.ARP_HW, "192.0.2.99");
            case "rarp" -> lookup(CatalogOverTls.ARP_HW.toLowerCase(Locale.ROOT), CatalogOverTls.ARP_IP, "00:00:5e:00:53:99");
            case "chat" -> chat();
            case "connect4" -> connect4();
            case "http" -> http();
            case "ftp" -> ftp();
            case "rpc" -> rpc();
            default -> throw new AssertionError("no conversation over TLS for the catalog's " + service + " yet: add one");
        }
    }

    private ToolProcess connect(boolean leavesAtEndOfInput) throws IOException {
        return ToolProcess.start(tool.command(server, pair.certFile(), leavesAtEndOfInput));
    }

    /** What a service that speaks first and closes sends to a client that says nothing. */
    private String greeting() throws Exception {
        try (ToolProcess client = connect(false)) {
            // ncat and socat end their side now, and leave once the server has ended its own; s_client waits for that alone.
            client.closeInput().awaitExit(WAIT);
            return client.output();
        }
    }

    private void time() throws Exception {
        try (ToolProcess client = connect(false)) {
            client.closeInput().awaitExit(WAIT);
            byte[] bytes = client.bytes();
            assertThat(bytes).as("%s", client).hasSize(4);
            long seconds = Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt()) - SECONDS_1900_TO_1970;
            assertThat(seconds).isCloseTo(Instant.now().getEpochSecond(), within(60L));
        }
    }

    private void chargen() throws Exception {
        try (ToolProcess client = connect(false)) {
            String lines = client.awaitOutput(o -> o.length() > 10 * 74, WAIT);
            // RFC 864's lines: 72 printable characters and CRLF, each starting one character further on.
            assertThat(List.of(lines.split("\n")).subList(0, 10)).allMatch(line -> line.matches("[\\x21-\\x7e ]{72}\r"));
        }
    }

    private void echo() throws Exception {
        try (ToolProcess client = connect(false)) {
            client.send("ping over TLS\n").awaitOutput("ping over TLS\n");
            client.send("and again\n").awaitOutput("ping over TLS\nand again\n");
        }
    }

    private void discard() throws Exception {
        try (LogCapture log = LogCapture.socklab(); ToolProcess client = connect(true)) {
            client.send("into the void\n").closeInput();
            client.awaitExit(WAIT);
            assertThat(client.bytes()).as("%s", client).isEmpty();
            assertThat(log.awaitContaining("discard#1 tls", "(in 14 B, out 0 B")).contains("; TLSv1.3 ");
        }
    }

    private void lookup(String request, String answer, String unknown) throws Exception {
        try (ToolProcess client = connect(false)) {
            client.send(request + "\n").awaitOutput(answer + "\r\n");
            client.send(unknown + "\n").awaitOutput(answer + "\r\n" + "Not Found\r\n");
        }
    }

    /** JSON-RPC a line at a time: a call to the arp service's lookup, and its answer with the call's id. */
    private void rpc() throws Exception {
        try (ToolProcess client = connect(false)) {
            client.send("{\"jsonrpc\":\"2.0\",\"method\":\"arp.lookup\",\"params\":[\"" + CatalogOverTls.ARP_IP
                    + "\"],\"id\":7}\n").awaitOutput("{\"jsonrpc\":\"2.0\",\"result\":\"" + CatalogOverTls.ARP_HW
                    + "\",\"id\":7}");
        }
    }

    /** Implicit FTPS, as a TLS terminal shows it: the greeting, and QUIT's goodbye. */
    private void ftp() throws Exception {
        try (ToolProcess client = connect(false)) {
            client.awaitOutput("220 ");
            client.send("QUIT\r\n").awaitOutput("221 Goodbye.\r\n");
        }
    }

    private void chat() throws Exception {
        try (ToolProcess ann = connect(false); ToolProcess bob = connect(false)) {
            ann.send("/nick ann\n").awaitOutput("is now ann");
            bob.send("/nick bob\n").awaitOutput("is now bob");
            ann.send("hello from ann\n");
            bob.awaitOutput("<ann> hello from ann\r\n");
            bob.send("hello from bob\n");
            ann.awaitOutput("<bob> hello from bob\r\n");
        }
    }

    /** A game started by /play, and its first move seen by the other player. */
    private void connect4() throws Exception {
        try (ToolProcess ann = connect(false); ToolProcess bob = connect(false)) {
            ann.send("ann\n/play\n").awaitOutput("waiting for another player");
            bob.send("bob\n/play\n").awaitOutput("ann (X) to move.\r\n");
            ann.send("4\n");
            bob.awaitOutput("| | | |X| | | |\r\n 1 2 3 4 5 6 7\r\nbob (O) to move.\r\n");
        }
    }

    private void http() throws Exception {
        try (ToolProcess client = connect(false)) {
            client.send("GET /anything?over=tls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").closeInput();
            client.awaitExit(WAIT);
            assertThat(client.output()).as("%s", client).startsWith("HTTP/1.1 200 OK\r\n").contains("\"over\"");
        }
    }
}
