package dev.socklab.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code serve} on a port another socket holds exits 3 and says which service, where, and why; on
 * a port its own binds would take twice, it exits 2 and says which binds.
 */
@Timeout(30)
class ServeCannotBindTest {
    @Test
    void portInUseExitsThreeNamingServiceAddressAndCause() throws Exception {
        try (ServerSocketChannel holder = ServerSocketChannel.open()) {
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) holder.getLocalAddress()).getPort();

            CommandRun.of("serve", "hello:" + port + "/tcp", "--ipv4-only")
                    .failedWith(ExitCode.CANNOT_BIND, "hello", "127.0.0.1:" + port, "in use");
        }
    }

    @Test
    void anAdminPortInUseSaysToPickAnotherWithItsOwnFlag() throws Exception {
        try (ServerSocketChannel holder = ServerSocketChannel.open()) {
            holder.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) holder.getLocalAddress()).getPort();

            CommandRun.of("serve", "hello:0/tcp", "--ipv4-only", "--admin", "127.0.0.1:" + port)
                    .failedWith(ExitCode.CANNOT_BIND, "admin", "127.0.0.1:" + port, "in use",
                            "pick another port (--admin HOST:PORT)");
        }
    }

    @Test
    void twoBindsThatClashOnAFreePortAreTheCommandLinesMistakeNotAnotherPrograms() throws Exception {
        int port;
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            port = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }

        CommandRun.of("serve", "--bind", "0.0.0.0", "--bind", "127.0.0.1", "hello:" + port + "/tcp")
                .failedWith(ExitCode.USAGE, "--bind 0.0.0.0 already covers 127.0.0.1 on port " + port + ": give one of them");
    }
}
