package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.trace.Tracer;

@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HelloClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Host LOOPBACK = Host.parse("127.0.0.1");

    @TempDir
    Path dir;

    @Test
    void fetchesTheGreetingOfAPythonTcpServer() throws Exception {
        try (PythonServer server = PythonServer.start(PythonServer.TCP, dir);
                ClientConnection conn = ClientConnection.connect(LOOPBACK, server.port(), Family.IPV4, TIMEOUT,
                        Tracer.off(), "hello")) {
            assertThat(HelloClient.greeting(conn, TIMEOUT)).isEqualTo("Hello World!");
        }
    }

    @Test
    void fetchesTheGreetingOfAPythonUdpServer() throws Exception {
        try (PythonServer server = PythonServer.start(PythonServer.UDP, dir);
                DatagramClient client = DatagramClient.open(LOOPBACK, server.port(), Family.IPV4, Tracer.off(),
                        "hello")) {
            assertThat(HelloClient.greeting(client, TIMEOUT)).isEqualTo("Hello World!");
        }
    }

    @Test
    void stripsOnlyOneLineEnd() throws Exception {
        byte[] payload = "Hello\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (JavaGreetingServer server = JavaGreetingServer.start(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), StandardProtocolFamily.INET, payload);
                ClientConnection conn = ClientConnection.connect(LOOPBACK,
                        ((InetSocketAddress) server.address()).getPort(), Family.IPV4, TIMEOUT, Tracer.off(), "hello")) {
            assertThat(HelloClient.greeting(conn, TIMEOUT)).isEqualTo("Hello\r\n");
        }
    }

    @Test
    void tracesEverySocketCallOfAGreetingFetch() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Tracer tracer = Tracer.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try (PythonServer server = PythonServer.start(PythonServer.TCP, dir)) {
            try (ClientConnection conn = ClientConnection.connect(LOOPBACK, server.port(), Family.IPV4, TIMEOUT, tracer,
                    "hello")) {
                HelloClient.greeting(conn, TIMEOUT);
            }
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .allMatch(line -> line.contains(" trace hello "))
                .anyMatch(line -> line.endsWith("socket(AF_INET, SOCK_STREAM)"))
                .anyMatch(line -> line.contains("connect(127.0.0.1:") && line.endsWith(") = 0"))
                .anyMatch(line -> line.contains("getsockname() = 127.0.0.1:"))
                .anyMatch(line -> line.contains("recv(") && line.contains("\"Hello World!\""))
                .anyMatch(line -> line.contains("recv(") && line.endsWith("(EOF)"))
                .anyMatch(line -> line.endsWith("close()"));
    }

    @Test
    void saysWhoDidNotAnswerOverUdp() throws Exception {
        // It reads and never answers; a port where nothing listens would be refused at once instead.
        try (JavaDatagramServer silent = JavaDatagramServer.silent()) {
            int port = silent.port();
            try (DatagramClient client = DatagramClient.open(LOOPBACK, port, Family.IPV4, Tracer.off(), "hello")) {
                assertThatThrownBy(() -> HelloClient.greeting(client, Duration.ofMillis(300)))
                        .isInstanceOf(SocketTimeoutException.class)
                        .hasMessage("no answer from 127.0.0.1:" + port + " within 300ms");
            }
        }
    }
}
