package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Transport;

/**
 * What {@code serve --inherit} makes of the socket on standard input and of systemd's variables,
 * with sockets opened here standing for the inherited one (ServeInheritIT has a real one): the
 * kind each service takes, {@code LISTEN_FDS} read only for this process, one socket and no more,
 * and a sentence for each way of getting it wrong.
 */
@Timeout(30)
class InheritedSocketTest {
    private static final long PID = 4242;
    private static final Map<String, String> NO_SYSTEMD = Map.of();

    @TempDir
    Path dir;

    @Test
    void aListeningTcpSocketServesAStreamServiceOnItsAddress() throws IOException {
        try (ServerSocketChannel listening = ServerSocketChannel.open().bind(loopback())) {
            InheritedSocket socket = InheritedSocket.of("hello", NO_SYSTEMD, PID, listening);

            assertThat(socket.endpoint()).isEqualTo(Endpoint.tcp((InetSocketAddress) listening.getLocalAddress()));
            assertThat(socket.selection().transports()).containsExactly(Transport.TCP);
            assertThat(socket.plan().entries()).hasSize(1);
            assertThat(socket.reach()).isEqualTo("socklab is serving the socket it inherited (" + socket.endpoint()
                    + "), bound by whoever started it");
        }
    }

    @Test
    void aUnixListeningSocketAndAUdpSocketAsTheirServicesTakeThem() throws IOException {
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(dir.resolve("h.sock")));
             DatagramChannel udp = DatagramChannel.open().bind(loopback())) {
            assertThat(InheritedSocket.of("hello", NO_SYSTEMD, PID, unix).endpoint())
                    .isEqualTo(Endpoint.unix(dir.resolve("h.sock")));
            assertThat(InheritedSocket.of("arena", systemd("1", PID), PID, udp).endpoint())
                    .isEqualTo(Endpoint.udp((InetSocketAddress) udp.getLocalAddress()));
        }
    }

    @Test
    void aSocketOfTheWrongKindIsRefusedSayingWhichItNeeds() throws IOException {
        try (ServerSocketChannel listening = ServerSocketChannel.open().bind(loopback());
             DatagramChannel udp = DatagramChannel.open().bind(loopback());
             ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                     .bind(UnixDomainSocketAddress.of(dir.resolve("f.sock")))) {
            assertThatThrownBy(() -> InheritedSocket.of("arena", NO_SYSTEMD, PID, listening))
                    .hasMessage("--inherit arena: standard input is a tcp stream socket, and arena is served over udp;"
                            + " give it a udp socket (ListenDatagram=, inetd's dgram)");
            assertThatThrownBy(() -> InheritedSocket.of("chat", NO_SYSTEMD, PID, udp))
                    .hasMessage("--inherit chat: standard input is a udp datagram socket, and chat is served over tcp"
                            + " and unix; give it a stream socket (ListenStream=, inetd's stream)");
            assertThatThrownBy(() -> InheritedSocket.of("ftp", NO_SYSTEMD, PID, unix))
                    .hasMessageStartingWith("--inherit ftp: standard input is a unix stream socket, and ftp is served"
                            + " over tcp;");
        }
    }

    @Test
    void aConnectedSocketIsOneClientsNotAListeningOne() throws IOException {
        try (ServerSocketChannel listening = ServerSocketChannel.open().bind(loopback());
             SocketChannel connected = SocketChannel.open(listening.getLocalAddress())) {
            assertThatThrownBy(() -> InheritedSocket.of("hello", NO_SYSTEMD, PID, connected))
                    .hasMessageContaining("is one client's connection, not a listening socket")
                    .hasMessageContaining("inetd's wait, or systemd's Accept=no");
        }
    }

    @Test
    void systemdsCountIsReadForThisProcessAloneAsSdListenFdsReadsIt() {
        assertThat(InheritedSocket.listenFds(systemd("1", PID), PID)).hasValue(1);
        assertThat(InheritedSocket.listenFds(systemd("2", PID + 1), PID)).as("a parent's").isEmpty();
        assertThat(InheritedSocket.listenFds(Map.of("LISTEN_FDS", "1"), PID)).as("no LISTEN_PID").isEmpty();
        assertThat(InheritedSocket.listenFds(NO_SYSTEMD, PID)).isEqualTo(OptionalInt.empty());
        assertThatThrownBy(() -> InheritedSocket.listenFds(systemd("many", PID), PID))
                .hasMessage("LISTEN_FDS=many is not a number of sockets: systemd sets it to the number it passes");
    }

    @Test
    void severalSocketsAreRefusedWithHowToRunOneInstancePerSocket() throws IOException {
        try (ServerSocketChannel listening = ServerSocketChannel.open().bind(loopback())) {
            assertThatThrownBy(() -> InheritedSocket.of("hello", systemd("2", PID), PID, listening))
                    .hasMessage("systemd passed 2 sockets (LISTEN_FDS=2), and socklab serves one: run one instance per"
                            + " socket, each started by a .socket unit with one Listen line (socklab systemd-units"
                            + " writes them)");
            assertThat(InheritedSocket.of("hello", systemd("2", PID + 1), PID, listening).endpoint().transport())
                    .as("another process's LISTEN_FDS").isEqualTo(Transport.TCP);
        }
    }

    @Test
    void noSocketOnStandardInputSaysWhereItShouldBe() {
        assertThatThrownBy(() -> InheritedSocket.of("hello", systemd("1", PID), PID, null))
                .hasMessage("systemd passed the socket as fd 3 (LISTEN_FDS=1), and Java takes an inherited socket"
                        + " from standard input alone: start socklab as /bin/sh -c 'exec socklab serve --inherit hello"
                        + " 0<&3', or with StandardInput=socket");
        assertThatThrownBy(() -> InheritedSocket.of("hello", NO_SYSTEMD, PID, null))
                .hasMessageStartingWith("--inherit hello: standard input is not a socket;");
        assertThatThrownBy(() -> InheritedSocket.of("gopher", NO_SYSTEMD, PID, null))
                .hasMessage("--inherit gopher: unknown service; run 'socklab services' to list them");
    }

    @Test
    void serveRefusesWhatWouldBindBesideIt() {
        CommandRun.of("serve", "--inherit", "hello", "echo")
                .failedWith(ExitCode.USAGE, "--inherit hello serves the one socket inherited: name no SERVICE");
        CommandRun.of("serve", "--inherit", "hello", "--bind", "::")
                .failedWith(ExitCode.USAGE, "--inherit hello binds nothing, and --bind chooses what to bind");
        // This JVM's standard input is Maven's pipe, not a socket.
        CommandRun.of("serve", "--inherit", "hello")
                .failedWith(ExitCode.USAGE, "--inherit hello: standard input is not a socket");
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static Map<String, String> systemd(String fds, long pid) {
        return Map.of("LISTEN_FDS", fds, "LISTEN_PID", String.valueOf(pid));
    }
}
