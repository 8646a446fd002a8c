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

/** A reload swaps the one table of arp and rarp in place: a client connected through it gets the new answers. */
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
}
