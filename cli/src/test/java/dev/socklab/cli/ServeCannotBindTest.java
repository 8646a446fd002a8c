package dev.socklab.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code serve} on a port another socket holds exits 3 and says which service, where, and why. */
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
}
