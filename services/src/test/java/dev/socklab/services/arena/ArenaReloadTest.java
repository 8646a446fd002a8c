package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.netem.NetworkConditions;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.FreshSettings;
import dev.socklab.services.ServiceReload;
import dev.socklab.testing.LogCapture;
import dev.socklab.testing.ServerUnderTest;

/** A reload of the arena's most players and timeout, over real UDP: the players in stay and play on; the rates stay. */
@Tag("no-engine")
@Timeout(30)
class ArenaReloadTest {
    private static final Duration SOON = Duration.ofSeconds(5);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void aLowerMostPlayersKeepsThoseInAndRefusesTheNext() throws Exception {
        Arena arena = new Arena(new ArenaSettings(30, 20, 3, Duration.ofSeconds(10), NetworkConditions.NONE));
        InetSocketAddress at = serve(arena);
        try (UdpTestClient alice = new UdpTestClient(at); UdpTestClient bob = new UdpTestClient(at)) {
            assertThat(alice.join("alice", 1, SOON)).isInstanceOf(Packet.Welcome.class);

            ServiceReload reload = arena.reload(fresh(new ArenaSettings(60, 30, 1, Duration.ofSeconds(5),
                    NetworkConditions.NONE)));
            assertThat(reload.changes()).containsExactly("arena: --arena-max-players: 3 -> 1",
                    "arena: --arena-timeout: 10s -> 5s");
            reload.apply().run();

            assertThat(bob.join("bob", 2, SOON)).isInstanceOfSatisfying(Packet.Refused.class,
                    refused -> assertThat(refused.reason()).isEqualTo(PacketCodec.REFUSED_FULL));
            alice.expect(Packet.Snapshot.class, SOON);
            assertThat(arena.settings().tickRate()).as("the tick rate needs a restart").isEqualTo(30);
            assertThat(arena.settings().snapshotRate()).isEqualTo(20);
        }
    }

    @Test
    void aShorterTimeoutDropsASilentPlayerAtTheNextTick() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        InetSocketAddress at = serve(arena);
        try (LogCapture log = LogCapture.socklab(); UdpTestClient alice = new UdpTestClient(at)) {
            assertThat(alice.join("alice", 1, SOON)).isInstanceOf(Packet.Welcome.class);
            arena.reload(fresh(new ArenaSettings(30, 20, 512, Duration.ofMillis(200), NetworkConditions.NONE)))
                    .apply().run();

            log.awaitContaining("alice", "timed out");
        }
    }

    private InetSocketAddress serve(Arena arena) {
        return (InetSocketAddress) servers.datagram("arena", new ArenaService(arena),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 0))).address();
    }

    private static FreshSettings fresh(ArenaSettings settings) {
        return new FreshSettings() {
            @Override
            public ArenaSettings arenaSettings() {
                return settings;
            }
        };
    }
}
