package dev.socklab.services.qotd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * A reload reads the quotes file again, though its name is the same, and the next client gets a new quote; the
 * next datagram is held to the new amplification factor.
 */
@Timeout(20)
class QotdReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theQuotesChangeInPlace() throws IOException {
        Path file = Files.writeString(dir.resolve("quotes.txt"), "The first quote.\n");
        QotdService service = new QotdService(Quotes.load(file), QotdMode.RANDOM, Clock.systemUTC(), 1);
        Endpoint qotd = servers.stream("qotd", service, StreamTransport.TCP_IPV4.endpoint(dir));
        assertThat(quote(qotd)).isEqualTo("The first quote.\r\n");
        Files.writeString(file, "The second quote.\n\nAnd a third.\n");

        ServiceReload reload = service.reload(settings(Quotes.load(file), QotdMode.DAILY, 1));
        assertThat(reload.changes()).containsExactly("qotd: --quotes: read again, 2 (were 1)",
                "qotd: --qotd-mode: random -> daily");
        assertThat(quote(qotd)).as("nothing changes before the reload is applied").isEqualTo("The first quote.\r\n");
        reload.apply().run();

        assertThat(quote(qotd)).isIn("The second quote.\r\n", "And a third.\r\n");
    }

    @Test
    void theSameQuotesReadAgainAreNoChange() {
        Quotes quotes = Quotes.builtIn();
        QotdService service = new QotdService(quotes, QotdMode.RANDOM, Clock.systemUTC(), 1);
        assertThat(service.reload(settings(quotes, QotdMode.RANDOM, 1)).changes()).isEmpty();
    }

    @Test
    void theNextDatagramIsHeldToTheNewAmplificationFactor() throws IOException {
        Path file = Files.writeString(dir.resolve("quotes.txt"), "A quote long enough to be cut at ten bytes.\n");
        Quotes quotes = Quotes.load(file);
        QotdService service = new QotdService(quotes, QotdMode.RANDOM, Clock.systemUTC(), 1);
        Endpoint qotd = servers.datagram("qotd", service, StreamTransport.udp(false));
        try (DatagramChannel client = DatagramChannel.open()) {
            client.socket().setSoTimeout((int) WAIT.toMillis());
            assertThat(exchange(client, qotd.address(), 10)).isEqualTo("A quote lo");

            ServiceReload reload = service.reload(settings(quotes, QotdMode.RANDOM, 2));
            assertThat(reload.changes()).containsExactly("qotd: --udp-amplification: 1 -> 2");
            reload.apply().run();

            assertThat(exchange(client, qotd.address(), 10)).isEqualTo("A quote long enough ");
        }
    }

    /** What a reload reads of qotd's settings. */
    private static FreshSettings settings(Quotes quotes, QotdMode mode, int amplification) {
        return new FreshSettings() {
            @Override
            public Quotes quotes() {
                return quotes;
            }

            @Override
            public QotdMode qotdMode() {
                return mode;
            }

            @Override
            public int udpAmplification() {
                return amplification;
            }
        };
    }

    private static String exchange(DatagramChannel client, SocketAddress server, int size) throws IOException {
        client.send(ByteBuffer.allocate(size), server);
        byte[] reply = new byte[2048];
        DatagramPacket packet = new DatagramPacket(reply, reply.length);
        client.socket().receive(packet);
        return new String(reply, 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    private static String quote(Endpoint qotd) throws IOException {
        try (RawClient client = RawClient.connect(qotd)) {
            return client.readAll(WAIT);
        }
    }
}
