package dev.socklab.client.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.PacketCodec;
import dev.socklab.client.ServerRefusedException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.netem.NetworkConditions;
import dev.socklab.runtime.Endpoint;
import dev.socklab.services.arena.Arena;
import dev.socklab.services.arena.ArenaService;
import dev.socklab.services.arena.ArenaSettings;
import dev.socklab.testing.ServerUnderTest;
import dev.socklab.trace.Tracer;

/** {@link ArenaClient} against socklab's own arena server over UDP on loopback. */
@Tag("no-engine")
@Timeout(60)
class ArenaClientTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void twoPlayersJoinAndEachSeesTheOtherMoveWhilePredictionAgreesWithTheServer() throws Exception {
        int port = serve(new Arena(ArenaSettings.DEFAULTS));
        AtomicInteger aliceKeys = new AtomicInteger();
        try (ArenaClient alice = join(port, "alice", aliceKeys::get);
             ArenaClient bob = join(port, "bob", () -> 0)) {
            EntityState aliceAtFirst = await(() -> bob.frame().others().stream()
                    .filter(e -> e.name().equals("alice")).findFirst(), "bob sees alice");
            EntityState bobAtFirst = await(() -> alice.frame().others().stream()
                    .filter(e -> e.name().equals("bob")).findFirst(), "alice sees bob");
            assertThat(bobAtFirst.id()).isEqualTo(bob.welcome().player());

            int away = aliceAtFirst.x() < alice.welcome().width() / 2 ? Buttons.RIGHT : Buttons.LEFT;
            aliceKeys.set(away);
            await(() -> alice.frame().self().filter(self -> Math.abs(self.x() - aliceAtFirst.x()) >= 40),
                    "alice moving on her own screen");
            EntityState moved = await(() -> bob.frame().others().stream()
                    .filter(e -> e.name().equals("alice") && Math.abs(e.x() - aliceAtFirst.x()) >= 40).findFirst(),
                    "alice moving on bob's screen");
            assertThat(moved.y()).isEqualTo(aliceAtFirst.y());
            aliceKeys.set(0);

            ArenaFrame frame = alice.frame();
            assertThat(frame.players()).isEqualTo(2);
            assertThat(frame.stats().roundTrip()).isPresent();
            assertThat(frame.stats().snapshotsPerSecond()).isPositive();
            assertThat(frame.stats().corrections()).as("corrections with no loss").isZero();
        }
    }

    @Test
    void closingSendsLeaveAndTheOthersSeeThePlayerGo() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        int port = serve(arena);
        try (ArenaClient bob = join(port, "bob", () -> 0)) {
            ArenaClient alice = join(port, "alice", () -> 0);
            await(() -> bob.frame().others().stream().filter(e -> e.name().equals("alice")).findFirst(),
                    "bob sees alice");
            alice.close();

            assertThat(alice.ending()).isCompletedWithValue(new ArenaClient.Ending.Left());
            await(() -> Optional.of(bob.frame()).filter(f -> f.players() == 1 && f.others().isEmpty()),
                    "alice gone from bob's view");
            assertThat(arena.counters().players()).isEqualTo(1);
        }
    }

    @Test
    void aFullArenaRefusesInOneSentenceWithItsReasonAsTheCode() throws Exception {
        int port = serve(new Arena(new ArenaSettings(30, 20, 1, Duration.ofSeconds(10), NetworkConditions.NONE)));
        try (ArenaClient alice = join(port, "alice", () -> 0)) {
            assertThatThrownBy(() -> join(port, "bob", () -> 0))
                    .isInstanceOf(ServerRefusedException.class)
                    .hasMessageStartingWith("the arena at udp 127.0.0.1:" + port + " refused to let you in: ")
                    .hasMessageContaining("full")
                    .extracting(e -> ((ServerRefusedException) e).code()).isEqualTo(PacketCodec.REFUSED_FULL);
            assertThat(alice.ending()).isNotDone();
        }
    }

    @Test
    void aServerThatStopsEndsTheGameWithItsReason() throws Exception {
        Arena arena = new Arena(ArenaSettings.DEFAULTS);
        int port = serve(arena);
        try (ArenaClient alice = join(port, "alice", () -> 0)) {
            arena.stopping();

            ArenaClient.Ending ending = alice.ending().get(SOON.toSeconds(), TimeUnit.SECONDS);
            assertThat(ending).isEqualTo(new ArenaClient.Ending.Dropped(PacketCodec.LEAVE_STOPPING));
            assertThat(ending.failure()).get().extracting(Throwable::getMessage)
                    .isEqualTo("the server ended the game: the server is stopping");
        }
    }

    @Test
    void aPortWhereNothingListensIsReportedAtOnce() throws Exception {
        int closed;
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closed = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> join(closed, "alice", () -> 0))
                .isInstanceOf(PortUnreachableException.class)
                .hasMessage("nothing listens on udp 127.0.0.1:" + closed + " (the system refused it): is an arena"
                        + " served there? (socklab serve arena)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("long before the handshake gives up")
                .isLessThan(Handshake.WAIT);
    }

    private int serve(Arena arena) {
        return ((InetSocketAddress) servers.datagram("arena", new ArenaService(arena),
                Endpoint.udp(new InetSocketAddress("127.0.0.1", 0))).address()).getPort();
    }

    private static ArenaClient join(int port, String name, IntSupplier keys) throws IOException {
        return ArenaClient.join(Host.parse("127.0.0.1"), port, Family.IPV4,
                new ArenaClient.Settings(name, NetworkConditions.NONE, Switches.ALL_ON), keys, Tracer.off());
    }

    /** Polls {@code probe} until it has a value; fails the test after {@link #SOON}. */
    private static <T> T await(Supplier<Optional<T>> probe, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            assertThat(System.nanoTime()).as("not within %s: %s", SOON, what).isLessThan(deadline);
            Thread.sleep(10); // polling interval of the condition, not a synchronisation
        }
    }
}
