package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.testing.LoopbackPorts;
import dev.socklab.testing.Tools;

/**
 * {@code ./socklab serve --inherit} started by {@code systemd-socket-activate}, which binds the
 * socket, waits for the first client, and then execs the command with the socket as fd 3 and
 * {@code LISTEN_FDS}/{@code LISTEN_PID} set, as systemd does; the command is the units'
 * {@code /bin/sh -c 'exec ... 0<&3'}, which moves it to standard input. The activator binds a
 * port the kernel just handed out, so the test asks for one and gives it back first.
 */
@Timeout(60)
class ServeInheritIT {
    private static final Duration START = Duration.ofSeconds(20);
    private static final String HELLO = "Hello World!\r\n";

    @TempDir
    Path dir;

    @Test
    void aStreamSocketServesTheFirstClientAndTheNextAndStopsCleanlyOnSigterm() throws Exception {
        int port = LoopbackPorts.tcp();
        try (Launched server = activated(List.of("-l", "127.0.0.1:" + port), "serve --inherit hello 0<&3")) {
            assertThat(receiveAll(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).isEqualTo(HELLO);
            server.awaitLine("Press Ctrl-C to stop.", START);
            assertThat(server.outLines()).contains("socklab is serving the socket it inherited (tcp 127.0.0.1:" + port
                    + "), bound by whoever started it").anyMatch(line -> line.matches("hello\\s+tcp\\s+127\\.0\\.0\\.1:"
                    + port)).anyMatch(line -> line.startsWith("I/O engine: epoll"));
            assertThat(receiveAll(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))).isEqualTo(HELLO);
            server.awaitLines(line -> line.contains(" hello#") && line.contains(" -> 127.0.0.1:" + port), 2, START);

            server.terminate();
            assertThat(server.exitWithin(START)).as("stderr: %s", server.err()).isZero();
            // Closing the JDK's inherited channel would have sent standard output to /dev/null before this line.
            assertThat(server.outLines()).endsWith("socklab stopped");
        }
    }

    @Test
    void aDatagramSocketAnswersTheDatagramThatStartedIt() throws Exception {
        int port = LoopbackPorts.udp();
        try (Launched server = activated(List.of("--datagram", "-l", "127.0.0.1:" + port),
                "serve --inherit hello 0<&3");
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout((int) START.toMillis());
            client.send(new DatagramPacket(new byte[] {'?'}, 1,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            client.receive(reply);

            // An IPv4 socket the JDK took for IPv6 could not send this (EAFNOSUPPORT).
            assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII)).isEqualTo(HELLO);
            assertThat(reply.getPort()).isEqualTo(port);
            server.awaitLine("Press Ctrl-C to stop.", START);
            assertThat(server.outLines()).anyMatch(line -> line.matches("hello\\s+udp\\s+127\\.0\\.0\\.1:" + port));
            server.terminate();
            assertThat(server.exitWithin(START)).as("stderr: %s", server.err()).isZero();
        }
    }

    @Test
    void aUnixSocketAsInetdPassesItWithoutSystemdsVariablesOnTheJdkEngine() throws Exception {
        Path socket = dir.resolve("hello.sock");
        try (Launched server = activatedShell(List.of("-l", socket.toString()),
                "unset LISTEN_FDS LISTEN_PID; exec ./socklab serve --inherit hello --io jdk 0<&3")) {
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer buffer = ByteBuffer.allocate(64);
                while (client.read(buffer) >= 0) {
                    // until the server closes
                }
                assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII)).isEqualTo(HELLO);
            }
            server.awaitLine("Press Ctrl-C to stop.", START);
            assertThat(server.outLines()).anyMatch(line -> line.matches("hello\\s+unix\\s+unix:" + socket))
                    .contains("I/O engine: jdk (the JDK's virtual-thread scheduler)");
            server.terminate();
            assertThat(server.exitWithin(START)).as("stderr: %s", server.err()).isZero();
            assertThat(socket).as("the socket's file is the activator's").exists();
        }
    }

    @Test
    void twoSocketsAreRefusedWithHowToRunOneInstancePerSocket() throws Exception {
        int first = LoopbackPorts.tcp();
        int second = LoopbackPorts.tcp();
        try (Launched server = activated(List.of("-l", "127.0.0.1:" + first, "-l", "127.0.0.1:" + second),
                "serve --inherit hello 0<&3")) {
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), first)) {
                assertThat(server.exitWithin(START)).isEqualTo(ExitCode.USAGE.code);
            }
            CommandRun.assertOneSentence(server.err().lines().filter(line -> line.startsWith("socklab: "))
                    .findFirst().orElse(server.err()), "systemd passed 2 sockets (LISTEN_FDS=2)",
                    "run one instance per socket");
        }
    }

    /** {@code ./socklab serve ...} under the activator, started as the units start it: {@code /bin/sh -c 'exec ... 0<&3'}. */
    private static Launched activated(List<String> listen, String serve) throws IOException, InterruptedException {
        return activatedShell(listen, "exec ./socklab " + serve);
    }

    /** {@code shell} run by {@code /bin/sh -c} under the activator, once it listens. */
    private static Launched activatedShell(List<String> listen, String shell) throws IOException, InterruptedException {
        assertThat(Launched.ROOT.resolve("cli/target/socklab.jar")).as("the *IT tests run after mvn package")
                .isRegularFile();
        List<String> command = new ArrayList<>(List.of(Tools.require("systemd-socket-activate")));
        command.addAll(listen);
        command.addAll(List.of("/bin/sh", "-c", shell));
        Launched activator = Launched.run(Map.of(), command);
        activator.awaitErrLine(line -> line.startsWith("Listening on "), START);
        return activator;
    }

    /** Everything a TCP server sends until it closes. */
    private static String receiveAll(InetSocketAddress address) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(address, (int) START.toMillis());
            client.setSoTimeout((int) START.toMillis());
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
