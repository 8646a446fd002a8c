package dev.socklab.benchmarks.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Netty baseline answers on each of its three services, on loopback ports the kernel picks. */
@Timeout(20)
class BaselineServerTest {
    private static final int WAIT_MILLIS = 5000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private BaselineServer server;

    @BeforeEach
    void start() throws BaselineServer.BindException {
        server = BaselineServer.start(BaselineOptionsTest.parse("--bind", "127.0.0.1", "--echo", "0", "--hello", "0",
                "--udp-echo", "0"), new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void startUpSaysWhichTransportAndPrintsEachListenerWithItsBoundPort() {
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(out.lines().findFirst().orElseThrow()).matches("netty 4\\.1\\.\\S+ on (epoll|nio).*2 event-loop threads.*");
        assertThat(out).containsPattern("(?m)^netty echo tcp 127\\.0\\.0\\.1:[1-9]\\d*$")
                .containsPattern("(?m)^netty hello tcp 127\\.0\\.0\\.1:[1-9]\\d*$")
                .containsPattern("(?m)^netty echo udp 127\\.0\\.0\\.1:[1-9]\\d*$");
    }

    @Test
    void tcpEchoSendsEveryByteBack() throws IOException {
        try (Socket s = new Socket(LOOPBACK, port("echo tcp"))) {
            s.setSoTimeout(WAIT_MILLIS);
            for (String message : new String[] {"ping\n", "a longer message, sent whole\r\n", "x"}) {
                byte[] sent = message.getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(sent);
                assertThat(s.getInputStream().readNBytes(sent.length)).isEqualTo(sent);
            }
        }
    }

    @Test
    void greetingIsSentAtOnceThenTheServerCloses() throws IOException {
        try (Socket s = new Socket(LOOPBACK, port("hello tcp"))) {
            s.setSoTimeout(WAIT_MILLIS);
            InputStream in = s.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello World!\r\n");
        }
    }

    @Test
    void udpEchoSendsEachDatagramBackToItsSender() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            s.setSoTimeout(WAIT_MILLIS);
            byte[] sent = "one datagram".getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(sent, sent.length, LOOPBACK, port("echo udp")));
            DatagramPacket reply = new DatagramPacket(new byte[100], 100);
            s.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("one datagram");
        }
    }

    @Test
    void portInUseIsReportedAndNothingIsLeftListening() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            BaselineOptions options = BaselineOptionsTest.parse("--hello", "0", "--echo", Integer.toString(taken.getLocalPort()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            assertThatThrownBy(() -> BaselineServer.start(options, new PrintStream(out, true, StandardCharsets.UTF_8)))
                    .isInstanceOf(BaselineServer.BindException.class)
                    .hasMessageContaining("cannot serve echo tcp on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    private int port(String listener) {
        Matcher m = Pattern.compile("(?m)^netty " + listener + " 127\\.0\\.0\\.1:(\\d+)$")
                .matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as("a line for " + listener).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
