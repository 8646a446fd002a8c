package dev.socklab.services.qotd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

/** A reload reads the quotes file again, though its name is the same, and the next client gets a new quote. */
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

        ServiceReload reload = service.reload(new FreshSettings() {
            @Override
            public Quotes quotes() {
                return Quotes.load(file);
            }

            @Override
            public QotdMode qotdMode() {
                return QotdMode.DAILY;
            }
        });
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
        assertThat(service.reload(new FreshSettings() {
            @Override
            public Quotes quotes() {
                return quotes;
            }

            @Override
            public QotdMode qotdMode() {
                return QotdMode.RANDOM;
            }
        }).changes()).isEmpty();
    }

    private static String quote(Endpoint qotd) throws IOException {
        try (RawClient client = RawClient.connect(qotd)) {
            return client.readAll(WAIT);
        }
    }
}
