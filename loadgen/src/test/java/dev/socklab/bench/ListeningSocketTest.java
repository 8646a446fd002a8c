package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server's PID is told from any other by the sockets it holds: the PID of a process that merely
 * started it (a shell, a wrapper) is refused before a run measures the wrong process.
 */
class ListeningSocketTest {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void aProcessHoldsItsTcpListenerAndNotAClosedPort() throws Exception {
        InetSocketAddress closed;
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            assertThat(ListeningSocket.heldBy(SELF, address, false)).isTrue();
            assertThat(ListeningSocket.heldBy(SELF, address, true)).as("no UDP socket on that port").isFalse();
            closed = address;
        }
        assertThat(ListeningSocket.heldBy(SELF, closed, false)).as("closed").isFalse();
    }

    @Test
    void aProcessHoldsItsUdpSocket() throws Exception {
        try (DatagramChannel socket = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = (InetSocketAddress) socket.getLocalAddress();
            assertThat(ListeningSocket.heldBy(SELF, address, true)).isTrue();
            assertThat(ListeningSocket.heldBy(SELF, address, false)).as("no TCP listener on that port").isFalse();
        }
    }

    @Test
    void aProcessHoldsItsUnixListenerByItsPathAndNoOther() throws Exception {
        Path path = dir.resolve("echo.sock");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path))) {
            assertThat(ListeningSocket.heldBy(SELF, UnixDomainSocketAddress.of(path), false)).isTrue();
            assertThat(ListeningSocket.heldBy(SELF, UnixDomainSocketAddress.of(dir.resolve("other.sock")), false))
                    .isFalse();
        }
    }

    @Test
    void theProcessThatStartedAServerIsRefusedWithTheReason() throws Exception {
        // A process that holds no socket stands for the shell that started a server: its PID is readable, and wrong.
        Process shell = new ProcessBuilder("sleep", "30").start();
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
            assertThat(ListeningSocket.heldBy(shell.pid(), address, false)).isFalse();

            assertThatThrownBy(() -> BenchPlan.builder(Workload.IDLE, address).serverPid(shell.pid()).build())
                    .isInstanceOf(BenchPlanException.class)
                    .hasMessage("--server-pid " + shell.pid() + " does not hold the socket at 127.0.0.1:"
                            + address.getPort() + ": give the PID of the server process itself (./socklab serve"
                            + " becomes its java process, so the PID it started with is the server's)");
            assertThatThrownBy(() -> SoakPlan.of(Map.of(SoakPart.UDP_ECHO, address), Duration.ofSeconds(1))
                    .withServerPid(shell.pid()))
                    .hasMessageStartingWith("--server-pid " + shell.pid() + " does not hold the UDP socket at");
            assertThat(BenchPlan.builder(Workload.IDLE, address).serverPid(SELF).build().serverPid()).hasValue(SELF);
        } finally {
            shell.destroy();
            shell.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
