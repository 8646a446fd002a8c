package dev.socklab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityDelta;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;

/** A bot against a scripted server, in memory, on a clock the test moves. */
class ArenaBotTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long TICK = TimeUnit.SECONDS.toNanos(1) / 30;
    private static final int SESSION = 77;
    private static final byte[] COOKIE = new byte[PacketCodec.COOKIE_SIZE];

    /** Counting from 0 for 100 s, so that everything the test does counts. */
    private final Window window = new Window(0, Duration.ZERO, Duration.ofSeconds(100));
    private final ArenaTally tally = new ArenaTally(window, new AtomicLong());
    private final List<Packet> sent = new ArrayList<>();
    private final ArenaBot bot = bot(1);

    private ArenaBot bot(long seed) {
        return new ArenaBot(0, new SplittableRandom(seed), 0, TimeUnit.SECONDS.toNanos(5), tally,
                packet -> sent.add(decoded(packet)), ByteBuffer.allocate(PacketCodec.MAX_PACKET));
    }

    @Test
    void handshakeSendsTheCookieBackAndPlaysAtTheWelcomesTickRate() throws Exception {
        bot.due(0);
        Packet.Connect connect = (Packet.Connect) sent.getLast();

        receive(new Packet.Challenge(connect.nonce() + 1, 1234, COOKIE), 10 * MS);
        assertThat(sent).hasSize(1); // a CHALLENGE for another nonce is not this bot's
        byte[] cookie = COOKIE.clone();
        cookie[0] = 42;
        receive(new Packet.Challenge(connect.nonce(), 1234, cookie), 10 * MS);
        Packet.Join join = (Packet.Join) sent.getLast();
        assertThat(join.nonce()).isEqualTo(connect.nonce());
        assertThat(join.timestamp()).isEqualTo(1234);
        assertThat(join.cookie()).isEqualTo(cookie);
        assertThat(join.nickname()).isEqualTo("bot1");

        welcome(20 * MS);
        assertThat(bot.state()).isEqualTo(ArenaBot.State.PLAYING);
        assertThat(bot.due()).isEqualTo(20 * MS);
        assertThat(tally.joined).isEqualTo(1);
        assertThat(tally.tickRate).isEqualTo(30);
        assertThat(tally.snapshotRate).isEqualTo(20);

        bot.due(bot.due());
        assertThat(sent.getLast()).isInstanceOf(Packet.Input.class);
        assertThat(bot.due()).isEqualTo(20 * MS + TICK);
    }

    @Test
    void connectAndJoinAreResentEverySecondUntilTheTimeout() throws Exception {
        bot.due(0);
        assertThat(bot.due()).isEqualTo(TimeUnit.SECONDS.toNanos(1));
        bot.due(bot.due());
        assertThat(sent).hasSize(2).allMatch(p -> p instanceof Packet.Connect);
        receive(new Packet.Challenge(((Packet.Connect) sent.getFirst()).nonce(), 1, COOKIE), bot.due() - MS);
        bot.due(bot.due());
        assertThat(sent.subList(2, 4)).allMatch(p -> p instanceof Packet.Join);
        while (bot.scheduled()) {
            bot.due(bot.due());
        }
        assertThat(bot.due()).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(tally.joinFailures[JoinFailure.TIMEOUT.ordinal()]).isEqualTo(1);
        assertThat(tally.joined).isZero();
    }

    @Test
    void aRefusalIsCountedByItsReason() throws Exception {
        bot.due(0);
        receive(new Packet.Refused(PacketCodec.REFUSED_FULL, "the arena is full"), MS);

        assertThat(bot.scheduled()).isFalse();
        assertThat(tally.joinFailures[JoinFailure.FULL.ordinal()]).isEqualTo(1);
        assertThat(JoinFailure.refused(99)).isEqualTo(JoinFailure.REFUSED);
    }

    @Test
    void inputsAreRepeatedUntilASnapshotAcknowledgesThemAtMostEight() throws Exception {
        play();
        Packet.Input first = lastInput();
        assertThat(first.session()).isEqualTo(SESSION);
        assertThat(first.firstInput()).isEqualTo(1);
        assertThat(first.buttons()).hasSize(1);
        assertThat(first.ackSnapshot()).isZero();

        tick();
        assertThat(lastInput().firstInput()).isEqualTo(1);
        assertThat(lastInput().buttons()).hasSize(2);
        assertThat(lastInput().buttons()[0]).isEqualTo(first.buttons()[0]);
        assertThat(lastInput().packetSeq()).isEqualTo(first.packetSeq() + 1);

        receive(snapshot(1, 0, 1, View.EMPTY, view(100, 100)), bot.due() - MS);
        tick();
        assertThat(lastInput().firstInput()).isEqualTo(2);
        assertThat(lastInput().lastInput()).isEqualTo(3);
        assertThat(lastInput().ackSnapshot()).isEqualTo(1);

        for (int i = 0; i < 10; i++) {
            tick();
        }
        assertThat(lastInput().lastInput()).isEqualTo(13);
        assertThat(lastInput().buttons()).hasSize(PacketCodec.MAX_INPUTS_PER_PACKET);
        assertThat(lastInput().firstInput()).isEqualTo(6);
    }

    @Test
    void theRandomWalkIsPossibleInputsAndTheSameForTheSameSeed() throws Exception {
        List<Integer> walk = walk(bot);
        sent.clear();
        List<Integer> again = walk(bot(1));
        sent.clear();
        List<Integer> other = walk(bot(2));

        assertThat(walk).hasSize(300).allMatch(Buttons::isPossible).isEqualTo(again).isNotEqualTo(other);
        assertThat(walk).anyMatch(b -> (b & Buttons.FIRE) != 0).anyMatch(b -> (b & Buttons.UP) != 0)
                .anyMatch(b -> (b & Buttons.LEFT) != 0);
    }

    @Test
    void snapshotsApplyToTheirBaselineAndGapsCountAsLoss() throws Exception {
        play();
        View one = view(100, 100);
        View two = view(104, 100);
        View three = view(108, 96);
        receive(snapshot(1, 0, 0, View.EMPTY, one), bot.due());
        tick();
        assertThat(lastInput().ackSnapshot()).isEqualTo(1);
        receive(snapshot(3, 1, 0, one, three), bot.due());
        tick();
        assertThat(lastInput().ackSnapshot()).isEqualTo(3);
        receive(snapshot(2, 1, 0, one, two), bot.due()); // late: already counted lost, and dropped

        assertThat(tally.snapshots).isEqualTo(2);
        assertThat(tally.snapshotsLost).isEqualTo(1);
        assertThat(tally.undecodable).isZero();
        assertThat(lastInput().ackSnapshot()).isEqualTo(3);
    }

    @Test
    void snapshotsThatCannotBeRebuiltAreCountedUndecodable() throws Exception {
        play();
        receive(snapshot(1, 0, 0, View.EMPTY, view(100, 100)), bot.due());
        receive(snapshot(2, 99, 0, View.EMPTY, view(100, 100)), bot.due()); // a baseline the bot never had
        receive(new Packet.Snapshot(SESSION, 3, 1, 30, 0, 0, 1000, 1,
                List.of(new EntityDelta(9, EntityDelta.X, 5, 0, 0, 0, 0, null))), bot.due()); // changes an unknown entity
        bot.receive(ByteBuffer.wrap(new byte[] {0x53, 0x41, 1, PacketCodec.SNAPSHOT, 0}), bot.due()); // truncated

        assertThat(tally.undecodable).isEqualTo(3);
        assertThat(tally.snapshots).isEqualTo(1);
    }

    @Test
    void theRoundTripIsFromTheInputsSendToTheSnapshotLessTheHold() throws Exception {
        play();
        long sentAt = bot.due() - TICK;
        receive(snapshot(1, 0, 1, View.EMPTY, view(100, 100), 5), sentAt + 25 * MS);

        assertThat(tally.roundTrip.count()).isEqualTo(1);
        assertThat(tally.roundTrip.valueAt(0.5)).isCloseTo(20 * MS, Percentage.withPercentage(1));
        receive(snapshot(2, 1, 1, view(100, 100), view(100, 100), 5), sentAt + 70 * MS);
        assertThat(tally.roundTrip.count()).as("an input already acknowledged").isEqualTo(1);
    }

    @Test
    void eachTicksTimeIsCountedOnceAcrossBots() throws Exception {
        play();
        receive(new Packet.Snapshot(SESSION, 1, 0, 30, 0, 0, 2500, 40, List.of()), bot.due());
        tally.tickTime(30, 9999, bot.due()); // another bot's snapshot of the same tick
        receive(new Packet.Snapshot(SESSION, 2, 1, 31, 0, 0, 3000, 41, List.of()), bot.due());

        assertThat(tally.tickTime.count()).isEqualTo(2);
        assertThat(tally.tickTime.summary().max()).isEqualTo(3000.0);
        assertThat(tally.players).isEqualTo(41);
    }

    @Test
    void leaveEndsTheSessionAndCountsTheTimePlayed() throws Exception {
        play();
        bot.leave(TimeUnit.SECONDS.toNanos(2));

        assertThat(sent.getLast()).isEqualTo(new Packet.Leave(SESSION, PacketCodec.LEAVE_QUIT));
        assertThat(bot.scheduled()).isFalse();
        assertThat(tally.playingNanos).isEqualTo(TimeUnit.SECONDS.toNanos(2) - 20 * MS);
        assertThat(tally.bytesOut).isPositive();
        assertThat(tally.bytesIn).isPositive();
    }

    @Test
    void aLeaveFromTheServerDropsTheBot() throws Exception {
        play();
        receive(new Packet.Leave(SESSION + 1, PacketCodec.LEAVE_TIMEOUT), bot.due());
        assertThat(bot.scheduled()).as("another session's").isTrue();
        receive(new Packet.Warning(SESSION, PacketCodec.WARNING_TOO_FAST, "slow down"), bot.due());
        receive(new Packet.Leave(SESSION, PacketCodec.LEAVE_TIMEOUT), bot.due());

        assertThat(bot.scheduled()).isFalse();
        assertThat(tally.warnings).isEqualTo(1);
        assertThat(tally.dropped).isEqualTo(1);
    }

    @Test
    void aSocketFailureBeforeTheWelcomeIsAJoinFailure() throws Exception {
        bot.due(0);
        bot.failed(MS);

        assertThat(tally.joinFailures[JoinFailure.UNREACHABLE.ordinal()]).isEqualTo(1);
        assertThat(bot.scheduled()).isFalse();
    }

    /** What the bot sent, which must be a packet the codec reads. */
    private static Packet decoded(ByteBuffer packet) {
        try {
            return PacketCodec.decode(packet);
        } catch (MalformedPacketException e) {
            throw new AssertionError("the bot sent a malformed packet", e);
        }
    }

    private List<Integer> walk(ArenaBot walker) throws Exception {
        walker.due(0);
        Packet.Connect connect = (Packet.Connect) sent.getLast();
        walker.receive(PacketCodec.encode(new Packet.Challenge(connect.nonce(), 1, COOKIE)), MS);
        walker.receive(PacketCodec.encode(new Packet.Welcome(SESSION, 1, 30, 20, 2048, 1024)), 2 * MS);
        List<Integer> buttons = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            walker.due(walker.due());
            Packet.Input input = (Packet.Input) sent.getLast();
            buttons.add(input.buttons()[input.buttons().length - 1] & 0xFF);
        }
        return buttons;
    }

    /** Shakes hands and plays the first tick, at 20 ms. */
    private void play() throws Exception {
        bot.due(0);
        receive(new Packet.Challenge(((Packet.Connect) sent.getLast()).nonce(), 1, COOKIE), 10 * MS);
        welcome(20 * MS);
        tick();
    }

    private void welcome(long now) throws Exception {
        receive(new Packet.Welcome(SESSION, 5, 30, 20, 2048, 1024), now);
    }

    private void tick() throws Exception {
        bot.due(bot.due());
    }

    private Packet.Input lastInput() {
        return (Packet.Input) sent.getLast();
    }

    private void receive(Packet packet, long now) throws Exception {
        bot.receive(PacketCodec.encode(packet), now);
    }

    private static View view(int x, int y) {
        return new View(List.of(new EntityState(5, x, y, 0, false, 100, 0, "bot1"),
                new EntityState(6, 400, 300, 2, false, 66, 1, "other")));
    }

    private static Packet.Snapshot snapshot(long seq, long baseline, long ackInput, View from, View to) {
        return snapshot(seq, baseline, ackInput, from, to, 0);
    }

    private static Packet.Snapshot snapshot(long seq, long baseline, long ackInput, View from, View to, int hold) {
        return new Packet.Snapshot(SESSION, seq, baseline, 30 + seq, ackInput, hold, 1500, 2, to.deltaFrom(from));
    }
}
