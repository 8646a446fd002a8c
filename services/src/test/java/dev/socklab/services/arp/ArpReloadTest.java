package dev.socklab.services.arp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.testing.StreamTransport;

/**
 * A reload swaps the one table of arp and rarp in place, and each one's pause: a client connected through it gets
 * the new answers, and its next request ends after the new pause.
 */
@Timeout(20)
class ArpReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration PAUSE = Duration.ofMillis(200);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void theTableOfArpAndRarpChangesInPlace() throws IOException {
        ArpTable table = ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0D").build();
        ArpService arp = new ArpService(table, PAUSE);
        RarpService rarp = new RarpService(table, PAUSE);
        Server server = servers.start(Server.builder()
                .stream("arp", arp, StreamTransport.TCP_IPV4.endpoint(null))
                .stream("rarp", rarp, StreamTransport.TCP_IPV4.endpoint(null)));
        Endpoint arpAt = server.bindings().get(0).endpoint();
        Endpoint rarpAt = server.bindings().get(1).endpoint();
        FreshSettings fresh = new FreshSettings() {
            private final ArpTable next = ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0E").entry("10.0.0.2=0A:0B:0C:0D")
                    .build();

            @Override
            public ArpTable arpTable() {
                return next;
            }

            @Override
            public Duration requestPause() {
                return PAUSE;
            }
        };
        try (RawClient client = RawClient.connect(arpAt)) {
            client.send("10.0.0.1\n");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");

            ServiceReload fromArp = arp.reload(fresh);
            ServiceReload fromRarp = rarp.reload(fresh);
            assertThat(fromArp.changes()).containsExactly("arp, rarp: table: 2 addresses (were 1)")
                    .isEqualTo(fromRarp.changes());
            fromArp.apply().run();
            fromRarp.apply().run();

            client.send("10.0.0.1\n10.0.0.2\n");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0E");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
        }
        try (RawClient client = RawClient.connect(rarpAt)) {
            client.send("0A:0B:0C:0D\n");
            assertThat(client.readLine(WAIT)).isEqualTo("10.0.0.2");
        }
        assertThat(arp.reload(fresh).changes()).as("the same table again").isEmpty();
    }

    @Test
    void aShorterPauseEndsTheRequestsOfAConnectionOpenAcrossTheReload() throws IOException {
        ArpTable table = ArpTable.builder().entry("10.0.0.1=0A:0B:0C:0D").build();
        // So long that a request with no line end would outlast the test's wait.
        ArpService arp = new ArpService(table, Duration.ofSeconds(30));
        Endpoint at = servers.stream("arp", arp, StreamTransport.TCP_IPV4.endpoint(null));
        try (RawClient client = RawClient.connect(at)) {
            client.send("10.0.0.1\n");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");

            ServiceReload reload = arp.reload(new FreshSettings() {
                @Override
                public ArpTable arpTable() {
                    return table;
                }

                @Override
                public Duration requestPause() {
                    return Duration.ofMillis(100);
                }
            });
            assertThat(reload.changes()).containsExactly("arp: --request-pause: 30s -> 100ms");
            reload.apply().run();

            // The read under way at the reload keeps the pause it began with; the one after takes the new one.
            client.send("10.0.0.1\n");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
            client.send("10.0.0.1");
            assertThat(client.readLine(WAIT)).isEqualTo("0A:0B:0C:0D");
        }
    }
}
