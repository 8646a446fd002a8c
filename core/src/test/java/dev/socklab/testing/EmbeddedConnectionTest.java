package dev.socklab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.socklab.runtime.Limits;
import dev.socklab.service.LineTooLongException;

/** The in-memory connection keeps the contract a service relies on over a socket. */
@Timeout(10)
class EmbeddedConnectionTest {
    private static final Duration SHORT = Duration.ofMillis(50);

    @Test
    void eachSendIsOneReadsWorthAndTheEndComesAfterTheLast() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection().send("one").send("two").closeInput();
        ByteBuffer dst = ByteBuffer.allocate(16);

        assertThat(conn.read(dst)).isEqualTo(3);
        assertThat(conn.read(dst)).isEqualTo(3);
        assertThat(conn.read(dst)).isEqualTo(-1);
        assertThat(conn.read(dst)).isEqualTo(-1);
    }

    @Test
    void linesAreFramedAndBoundedAsOverASocket() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection(peer(), peer(), Limits.DEFAULTS.withMaxLineLength(4))
                .send("ab\r\ncd").send("\nlonger\n").closeInput();

        assertThat(conn.readLine()).contains("ab");
        assertThat(conn.readLine()).contains("cd");
        assertThatThrownBy(conn::readLine).isInstanceOf(LineTooLongException.class);
    }

    @Test
    void aTimedReadWithNothingSentReturnsZeroAndAnUntimedOneTimesOut() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection(peer(), peer(), Limits.DEFAULTS.withIdleTimeout(SHORT));

        assertThat(conn.read(ByteBuffer.allocate(8), SHORT)).isZero();
        assertThat(conn.readUpTo(8, SHORT)).isEmpty();
        assertThatThrownBy(conn::readLine).isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void writesCollectUntilTheOutputIsShutThenFail() throws IOException {
        EmbeddedConnection conn = new EmbeddedConnection();

        conn.write("a");
        conn.writeLine("b");
        conn.shutdownOutput();

        assertThat(conn.writtenText()).isEqualTo("ab\r\n");
        assertThat(conn.outputShut()).isTrue();
        assertThatThrownBy(() -> conn.write("c")).isInstanceOf(ClosedChannelException.class);
    }

    @Test
    void anOutboxSendsAtOnceAndTakesOverTheWrites() {
        EmbeddedConnection conn = new EmbeddedConnection();

        assertThat(conn.outbox(1024, Duration.ofSeconds(1)).offerLine("to everyone")).isTrue();

        assertThat(conn.writtenText()).isEqualTo("to everyone\r\n");
        assertThatThrownBy(() -> conn.write("direct")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> conn.outbox(1024, Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    }

    private static InetSocketAddress peer() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    }
}
