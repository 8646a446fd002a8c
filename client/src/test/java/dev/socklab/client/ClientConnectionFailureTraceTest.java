package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ClientConnectionFailureTraceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aResetConnectionsFailedCallsAreTracedWithTheirErrno() throws Exception {
        TraceLines trace = new TraceLines();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            try (ClientConnection conn = ClientConnection.connect("127.0.0.1", address.getPort(), List.of(address),
                    TIMEOUT, trace.tracer(), "test")) {
                try (SocketChannel accepted = server.accept()) {
                    // Linger 0: the close sends a reset rather than EOF.
                    accepted.setOption(StandardSocketOptions.SO_LINGER, 0);
                }

                assertThatThrownBy(() -> conn.read(ByteBuffer.allocate(100), TIMEOUT)).isInstanceOf(IOException.class);
                assertThatThrownBy(() -> conn.write(new byte[] {'h', 'i'})).isInstanceOf(IOException.class);
            }
        }
        assertThat(trace.lines())
                .anyMatch(line -> line.endsWith("recv(100) = ECONNRESET (Connection reset)"))
                .anyMatch(line -> line.contains("send(2) = E"));
    }
}
