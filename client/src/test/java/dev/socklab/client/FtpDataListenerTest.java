package dev.socklab.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.testing.AddressLiteral;

/** Active mode's listening port: only the server's address is taken, within the timeout. */
@Timeout(30)
class FtpDataListenerTest {
    private static final InetAddress SERVER = AddressLiteral.literal("127.0.0.1");

    @Test
    void aConnectionFromAnotherAddressIsClosedAndTheServersIsTaken() throws IOException {
        TraceLines trace = new TraceLines();
        try (FtpDataListener listener = FtpDataListener.open(SERVER, Duration.ofSeconds(5), trace.tracer(), "ftp-data");
                SocketChannel stranger = SocketChannel.open();
                SocketChannel server = SocketChannel.open()) {
            assertThat(listener.address().getAddress()).isEqualTo(SERVER);
            stranger.bind(new InetSocketAddress(AddressLiteral.literal("127.0.0.2"), 0));
            stranger.connect(listener.address());
            server.connect(listener.address());
            try (ClientConnection data = listener.accept(SERVER)) {
                assertThat(data.peer()).isEqualTo(server.getLocalAddress());
            }
            stranger.socket().setSoTimeout(5000);
            try (InputStream in = stranger.socket().getInputStream()) {
                assertThat(in.read()).as("the stranger's connection is closed unread").isEqualTo(-1);
            }
        }
        assertThat(trace.lines()).anyMatch(line -> line.contains("accept() = 127.0.0.2:")
                && line.endsWith(", not the server's address: close()"));
    }

    @Test
    void aServerThatNeverConnectsIsGivenUpOnWithAHint() throws IOException {
        try (FtpDataListener listener = FtpDataListener.open(SERVER, Duration.ofMillis(200), new TraceLines().tracer(),
                "ftp-data")) {
            assertThatThrownBy(() -> listener.accept(SERVER))
                    .isInstanceOf(SocketTimeoutException.class)
                    .hasMessage("the server did not connect to " + "127.0.0.1:" + listener.address().getPort()
                            + " within 200ms: a firewall or NAT between may block active mode: try passive mode"
                            + " (without --active)");
        }
    }
}
