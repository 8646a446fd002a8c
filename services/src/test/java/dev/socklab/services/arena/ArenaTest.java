package dev.socklab.services.arena;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.EntityDelta;
import dev.socklab.arena.EntityState;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;
import dev.socklab.netem.NetworkConditions;
import dev.socklab.testing.LogCapture;

/**
 * The arena engine on a fake clock with a seeded random source, ticked by the test: the handshake,
 * inputs, snapshots and leaving, with links in memory.
 */
class ArenaTest {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.service.arena");
    private static final long TICK = TimeUnit.SECONDS.toNanos(1) / 30;

    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toNanos(3));

    private Arena arena(ArenaSettings settings) {
        return new Arena(settings, now::get, new SplittableRandom(7));
    }

    private Arena arena() {
        return arena(ArenaSettings.DEFAULTS);
    }

    private static void receive(Arena arena, TestLink link, Packet packet) {
        arena.receive(PacketCodec.encode(packet), link, LOG);
    }

    private static Packet.Challenge challenge(Arena arena, TestLink link, long nonce) {
        receive(arena, link, new Packet.Connect(nonce));
        return (Packet.Challenge) link.lastReply();
    }

    /** The answer to a JOIN as {@code name}, which is never longer than a WELCOME: half the smallest JOIN. */
    private static Packet join(Arena arena, TestLink link, String name, long nonce) {
        Packet.Challenge challenge = challenge(arena, link, nonce);
        receive(arena, link, new Packet.Join(nonce, challenge.timestamp(), challenge.cookie(), name));
        assertThat(link.replies().getLast().length).isLessThanOrEqualTo(ArenaService.JOIN_ANSWER);
        return link.lastReply();
    }

    private static Packet.Welcome welcome(Arena arena, TestLink link, String name) {
        return (Packet.Welcome) join(arena, link, name, link.address().hashCode());
    }

    private void tick(Arena arena) {
        now.addAndGet(TICK);
        arena.tick();
    }

    private static Packet.Input input(Packet.Welcome welcome, long seq, long ack, long first, int... buttons) {
        byte[] bytes = new byte[buttons.length];
        for (int i = 0; i < buttons.length; i++) {
            bytes[i] = (byte) buttons[i];
        }
        return new Packet.Input(welcome.session(), seq, ack, first, bytes);
    }

    private static List<Packet.Snapshot> snapshots(TestLink link) {
        return link.sentPackets().stream().filter(Packet.Snapshot.class::isInstance).map(Packet.Snapshot.class::cast)
                .toList();
    }

    // The handshake

    @Test
    void aCookieBroughtBackGetsAWelcomeAndAPlayer() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);

        Packet.Challenge challenge = challenge(arena, link, 1234);
        assertThat(link.replies().getLast()).hasSize(PacketCodec.CHALLENGE_SIZE);
        assertThat(challenge.nonce()).isEqualTo(1234);
        assertThat(arena.counters().players()).isZero();

        receive(arena, link, new Packet.Join(1234, challenge.timestamp(), challenge.cookie(), "alice"));
        Packet.Welcome welcome = (Packet.Welcome) link.lastReply();
        assertThat(welcome.session()).isNotZero();
        assertThat(welcome.player()).isEqualTo(1);
        assertThat(welcome.tickRate()).isEqualTo(30);
        assertThat(welcome.snapshotRate()).isEqualTo(20);
        assertThat(arena.counters().players()).isEqualTo(1);
        assertThat(arena.counters().dropped()).isZero();
    }

    @Test
    void aCookieMadeForAnotherAddressPortNonceOrTimeGetsNothingAndIsCounted() {
        Arena arena = arena();
        TestLink client = new TestLink(40000);
        Packet.Challenge c = challenge(arena, client, 1234);
        byte[] flipped = c.cookie().clone();
        flipped[0] ^= 1;
        TestLink otherPort = new TestLink(40001);

        receive(arena, otherPort, new Packet.Join(1234, c.timestamp(), c.cookie(), "mallory"));
        receive(arena, client, new Packet.Join(1235, c.timestamp(), c.cookie(), "mallory"));
        receive(arena, client, new Packet.Join(1234, c.timestamp() - 1, c.cookie(), "mallory"));
        receive(arena, client, new Packet.Join(1234, c.timestamp(), flipped, "mallory"));
        receive(arena, client, new Packet.Join(1234, c.timestamp(), new byte[PacketCodec.COOKIE_SIZE], "mallory"));

        assertThat(otherPort.replies()).isEmpty();
        assertThat(client.replies()).hasSize(1); // the CHALLENGE
        assertThat(arena.counters().dropped(DropReason.BAD_COOKIE)).isEqualTo(5);
        assertThat(arena.counters().players()).isZero();
    }

    @Test
    void aCookieOlderThanTenSecondsIsRefusedWithAReplySmallerThanTheJoin() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Challenge c = challenge(arena, link, 1);

        now.addAndGet(TimeUnit.SECONDS.toNanos(Cookies.VALID_SECONDS + 1));
        ByteBuffer join = PacketCodec.encode(new Packet.Join(1, c.timestamp(), c.cookie(), "alice"));
        int joinSize = join.remaining();
        arena.receive(join, link, LOG);

        assertThat(((Packet.Refused) link.lastReply()).reason()).isEqualTo(PacketCodec.REFUSED_BAD_COOKIE);
        assertThat(link.replies().getLast().length).isLessThanOrEqualTo(joinSize / 2);
        assertThat(arena.counters().dropped(DropReason.BAD_COOKIE)).isEqualTo(1);
        assertThat(arena.counters().players()).isZero();
    }

    @Test
    void aCookieIsGoodForTenSeconds() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Challenge c = challenge(arena, link, 1);

        now.addAndGet(TimeUnit.SECONDS.toNanos(Cookies.VALID_SECONDS));
        receive(arena, link, new Packet.Join(1, c.timestamp(), c.cookie(), "alice"));

        assertThat(link.lastReply()).isInstanceOf(Packet.Welcome.class);
    }

    @Test
    void aSourceThatOnlySendsConnectsGetsOneSmallChallengeForEachAndNoPlayer() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);

        for (int i = 0; i < 1000; i++) {
            receive(arena, link, new Packet.Connect(i));
        }
        tick(arena);

        assertThat(link.replies()).hasSize(1000).allSatisfy(reply -> assertThat(reply).hasSize(PacketCodec.CHALLENGE_SIZE));
        assertThat(link.sent()).isEmpty();
        assertThat(arena.counters().players()).isZero();
        assertThat(arena.counters().joined()).isZero();
    }

    @Test
    void aRepeatedJoinGetsTheSameWelcomeAndNoSecondPlayer() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Challenge c = challenge(arena, link, 5);
        Packet.Join join = new Packet.Join(5, c.timestamp(), c.cookie(), "alice");

        receive(arena, link, join);
        receive(arena, link, join);

        List<byte[]> replies = link.replies();
        assertThat(replies).hasSize(3);
        assertThat(replies.get(2)).isEqualTo(replies.get(1));
        assertThat(arena.counters().players()).isEqualTo(1);
    }

    @Test
    void aNicknameWithBlanksOrInvisibleCharactersIsRefused() {
        Arena arena = arena();
        for (String name : List.of("a b", "tab\t", "bidi\u202e", "zero\u200bwidth", "nbsp\u00a0")) {
            TestLink link = new TestLink(40000 + name.length());
            assertThat(((Packet.Refused) join(arena, link, name, 1)).reason()).as(name)
                    .isEqualTo(PacketCodec.REFUSED_BAD_NAME);
        }
        assertThat(join(arena, new TestLink(41000), "élodie", 1)).isInstanceOf(Packet.Welcome.class);
    }

    @Test
    void aFullArenaRefusesTheNextPlayer() {
        Arena arena = arena(new ArenaSettings(30, 20, 2, Duration.ofSeconds(10), NetworkConditions.NONE));
        welcome(arena, new TestLink(40000), "a");
        welcome(arena, new TestLink(40001), "b");

        Packet refused = join(arena, new TestLink(40002), "c", 1);

        assertThat(((Packet.Refused) refused).reason()).isEqualTo(PacketCodec.REFUSED_FULL);
        assertThat(arena.counters().players()).isEqualTo(2);
    }

    // Playing

    @Test
    void eachInputIsAppliedOnceInOrderAtMostTwoATick() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "alice");
        List<Long> applied = new ArrayList<>();
        List<Integer> xs = new ArrayList<>();
        arena.observeTicks((states, tick) -> xs.add(states.getFirst().x()));
        tick(arena);

        receive(arena, link, input(w, 1, 0, 1, Buttons.RIGHT, Buttons.RIGHT, Buttons.RIGHT));
        receive(arena, link, input(w, 2, 0, 1, Buttons.RIGHT, Buttons.RIGHT, Buttons.RIGHT, Buttons.LEFT));
        receive(arena, link, input(w, 3, 0, 3, Buttons.RIGHT, Buttons.LEFT));
        for (int i = 0; i < 4; i++) {
            tick(arena);
        }
        for (Packet.Snapshot s : snapshots(link)) {
            applied.add(s.ackInput());
        }

        assertThat(arena.counters().inputsApplied()).isEqualTo(4);
        // Inputs 1 and 2 (right, right), then 3 and 4 (right, left), then none left.
        assertThat(xs.get(1) - xs.get(0)).isEqualTo(2 * 4);
        assertThat(xs.get(2)).isEqualTo(xs.get(1));
        assertThat(xs.get(4)).isEqualTo(xs.get(2));
        assertThat(applied).isSortedAccordingTo(Long::compare).last().isEqualTo(4L);
    }

    @Test
    void aSnapshotNamesTheLastInputAppliedAndHowLongItWaitedSinceItArrived() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "alice");

        receive(arena, link, input(w, 1, 0, 1, Buttons.UP));
        for (int i = 0; i < 3; i++) {
            tick(arena);
        }

        Packet.Snapshot last = snapshots(link).getLast();
        assertThat(last.ackInput()).isEqualTo(1);
        // Arrived, then three ticks of 33 ms: the snapshot after the third says so.
        assertThat(last.holdMillis()).isEqualTo(TimeUnit.NANOSECONDS.toMillis(3 * TICK));
        assertThat(last.players()).isEqualTo(1);
    }

    @Test
    void aGapOfInputsTheClientGaveUpIsSkippedNotWaitedFor() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "alice");

        receive(arena, link, input(w, 1, 0, 1, Buttons.UP));
        receive(arena, link, input(w, 2, 0, 12, Buttons.UP));
        tick(arena);
        tick(arena);

        assertThat(arena.counters().inputsSkipped()).isEqualTo(10);
        assertThat(snapshots(link).getLast().ackInput()).isEqualTo(12);
    }

    @Test
    void aSnapshotIsTheDifferenceFromTheViewTheClientAcknowledgedAndFullWithout() throws Exception {
        Arena arena = arena();
        TestLink alice = new TestLink(40000);
        Packet.Welcome w = welcome(arena, alice, "alice");
        welcome(arena, new TestLink(40001), "bob");

        for (int i = 0; i < 3; i++) {
            tick(arena);
        }
        List<Packet.Snapshot> first = snapshots(alice);
        assertThat(first).isNotEmpty().allSatisfy(s -> assertThat(s.baseline()).isZero());
        View view = View.EMPTY.apply(first.getLast().entities());
        assertThat(view.entities()).extracting(EntityState::name).containsExactly("alice", "bob");

        receive(arena, alice, input(w, 1, first.getLast().seq(), 1, Buttons.DOWN));
        tick(arena);
        tick(arena);
        Packet.Snapshot delta = snapshots(alice).getLast();
        assertThat(delta.baseline()).isEqualTo(first.getLast().seq());
        assertThat(delta.entities()).hasSize(1);
        // Down: y, and the facing (south) in the flags.
        assertThat(delta.entities().getFirst().mask()).isEqualTo(EntityDelta.Y | EntityDelta.FLAGS);
        assertThat(view.apply(delta.entities()).find(w.player()).orElseThrow().y())
                .isEqualTo(view.find(w.player()).orElseThrow().y() + 4);
    }

    @Test
    void aSnapshotWhoseDifferenceWouldHoldMoreThan32EntriesIsSentFull() throws Exception {
        Arena arena = arena();
        TestLink alice = new TestLink(40000);
        Packet.Welcome w = welcome(arena, alice, "alice");
        Map<Integer, TestLink> others = new HashMap<>();
        Map<Integer, Packet.Welcome> welcomes = new HashMap<>();
        for (int i = 1; i < 64; i++) {
            TestLink link = new TestLink(40000 + i);
            Packet.Welcome welcome = welcome(arena, link, "p" + i);
            others.put(welcome.player(), link);
            welcomes.put(welcome.player(), welcome);
        }
        tick(arena);
        tick(arena);
        Packet.Snapshot before = snapshots(alice).getLast();
        View seen = View.EMPTY.apply(before.entities());
        receive(arena, alice, input(w, 1, before.seq(), 1, 0));

        // The 31 alice sees leave: she now sees the 31 next nearest, none of them in her baseline.
        for (EntityState gone : seen.entities()) {
            if (gone.id() != w.player()) {
                receive(arena, others.get(gone.id()), new Packet.Leave(welcomes.get(gone.id()).session(),
                        PacketCodec.LEAVE_QUIT));
            }
        }
        tick(arena);
        tick(arena);

        Packet.Snapshot after = snapshots(alice).getLast();
        assertThat(after.baseline()).isZero();
        assertThat(after.entities()).hasSize(PacketCodec.MAX_VIEW)
                .allSatisfy(entity -> assertThat(entity.mask()).isEqualTo(EntityDelta.FULL));
        assertThat(View.EMPTY.apply(after.entities()).entities()).extracting(EntityState::id)
                .doesNotContainAnyElementsOf(seen.entities().stream().map(EntityState::id)
                        .filter(id -> id != w.player()).toList());
    }

    @Test
    void anAcknowledgementOfASnapshotNeverSentIsIgnored() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "alice");
        tick(arena);
        tick(arena);

        receive(arena, link, input(w, 1, 1_000_000, 1, 0));
        tick(arena);

        assertThat(snapshots(link).getLast().baseline()).isZero();
    }

    @Test
    void aRecordedInputStreamReplaysToTheSameSnapshotsByteForByte() {
        Map<Integer, List<Packet.Input>> recorded = new HashMap<>();
        List<List<byte[]>> first = play(recorded, true);
        List<List<byte[]>> second = play(recorded, false);

        assertThat(first).hasSize(3);
        for (int p = 0; p < 3; p++) {
            assertThat(first.get(p)).hasSizeGreaterThan(150);
            assertThat(second.get(p)).hasSameSizeAs(first.get(p));
            for (int i = 0; i < first.get(p).size(); i++) {
                assertThat(second.get(p).get(i)).as("player %d, packet %d", p, i).isEqualTo(first.get(p).get(i));
            }
        }
    }

    /**
     * Three players for 300 ticks in a fresh arena of seed 7. Recording, each sends random keys (fire
     * too) in INPUTs that repeat the last three inputs, acknowledging its newest snapshot, and a
     * fifth of them are lost; the INPUTs go into {@code recorded} by tick. Replaying, the same INPUTs
     * go in at the same ticks. Returns what each player was sent.
     */
    private List<List<byte[]>> play(Map<Integer, List<Packet.Input>> recorded, boolean record) {
        now.set(TimeUnit.DAYS.toNanos(3));
        Arena arena = arena();
        SplittableRandom keys = new SplittableRandom(99);
        List<TestLink> links = new ArrayList<>();
        List<Packet.Welcome> welcomes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            TestLink link = new TestLink(40000 + p);
            links.add(link);
            welcomes.add(welcome(arena, link, "p" + p));
        }
        long[] sent = new long[3];
        byte[][] history = new byte[3][400];
        for (int tick = 0; tick < 300; tick++) {
            if (record) {
                List<Packet.Input> inputs = new ArrayList<>();
                for (int p = 0; p < 3; p++) {
                    long n = ++sent[p];
                    history[p][(int) n] = (byte) keys.nextInt(Buttons.VALID + 1);
                    long firstInput = Math.max(1, n - 2);
                    long ack = newestSnapshot(links.get(p));
                    Packet.Input in = new Packet.Input(welcomes.get(p).session(), n, ack, firstInput,
                            Arrays.copyOfRange(history[p], (int) firstInput, (int) n + 1));
                    if (keys.nextInt(5) != 0) {
                        inputs.add(in);
                    }
                }
                recorded.put(tick, inputs);
            }
            for (Packet.Input in : recorded.get(tick)) {
                TestLink link = links.get(welcomes.stream().map(Packet.Welcome::session).toList().indexOf(in.session()));
                receive(arena, link, in);
            }
            tick(arena);
        }
        return links.stream().map(TestLink::sent).toList();
    }

    /** The number of the newest snapshot {@code link} was sent, 0 for none. */
    private static long newestSnapshot(TestLink link) {
        List<byte[]> sent = link.sent();
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (TestLink.decode(sent.get(i)) instanceof Packet.Snapshot snapshot) {
                return snapshot.seq();
            }
        }
        return 0;
    }

    // Bad input: dropped, counted, never answered

    @Test
    void badPacketsAreDroppedCountedAndNeverAnswered() throws MalformedPacketException {
        Arena arena = arena();
        TestLink alice = new TestLink(40000);
        Packet.Welcome w = welcome(arena, alice, "alice");
        TestLink stranger = new TestLink(40001);
        TestLink sameHostOtherPort = new TestLink(40002);
        int repliesBefore = alice.replies().size();

        ByteBuffer good = PacketCodec.encode(input(w, 1, 0, 1, Buttons.UP));
        arena.receive(good.duplicate(), alice, LOG);
        for (int cut = 0; cut < good.remaining(); cut++) {
            arena.receive(good.duplicate().limit(cut), stranger, LOG); // truncated
        }
        // 255 inputs claimed, and a SNAPSHOT of 65,535 entities, from a client.
        ByteBuffer many = ByteBuffer.allocate(PacketCodec.MAX_PACKET).put(good.duplicate()).flip();
        many.put(20, (byte) 255);
        arena.receive(many, stranger, LOG);
        ByteBuffer snapshot = PacketCodec.encode(new Packet.Snapshot(w.session(), 1, 0, 1, 0, 0, 0, 1, List.of()));
        snapshot.putShort(snapshot.limit() - 2, (short) 0xFFFF);
        arena.receive(snapshot, alice, LOG);
        receive(arena, stranger, new Packet.Input(w.session() + 1, 2, 0, 2, new byte[] {1}));
        receive(arena, sameHostOtherPort, input(w, 3, 0, 2, Buttons.UP));
        arena.receive(good.duplicate(), alice, LOG); // replayed
        receive(arena, stranger, new Packet.Leave(w.session(), PacketCodec.LEAVE_QUIT));
        tick(arena);

        ArenaCounters counters = arena.counters();
        assertThat(counters.dropped(DropReason.MALFORMED)).isEqualTo(good.remaining() + 2);
        assertThat(counters.dropped(DropReason.UNKNOWN_SESSION)).isEqualTo(1);
        assertThat(counters.dropped(DropReason.WRONG_ADDRESS)).isEqualTo(2);
        assertThat(counters.dropped(DropReason.REPLAYED)).isEqualTo(1);
        assertThat(counters.players()).isEqualTo(1);
        assertThat(counters.inputsApplied()).isEqualTo(1);
        assertThat(stranger.replies()).isEmpty();
        assertThat(stranger.sent()).isEmpty();
        assertThat(sameHostOtherPort.replies()).isEmpty();
        assertThat(sameHostOtherPort.sent()).isEmpty();
        assertThat(alice.replies()).hasSize(repliesBefore);
        assertThat(alice.sentPackets()).allSatisfy(p -> assertThat(p).isInstanceOf(Packet.Snapshot.class));
    }

    @Test
    void dropsAreSummedUpInOneLineAMinuteAtMost() {
        Arena arena = arena();
        TestLink stranger = new TestLink(40000);
        try (LogCapture log = LogCapture.socklab()) {
            arena.receive(ByteBuffer.wrap(new byte[] {1, 2, 3}), stranger, LOG);
            arena.receive(ByteBuffer.wrap(new byte[] {1, 2, 3}), stranger, LOG);
            receive(arena, stranger, new Packet.Leave(1, 0));
            now.addAndGet(DropLog.INTERVAL - 1);
            receive(arena, stranger, new Packet.Leave(1, 0));
            now.addAndGet(1);
            receive(arena, stranger, new Packet.Leave(1, 0));

            assertThat(log.lines()).filteredOn(line -> line.startsWith("arena: dropped")).containsExactly(
                    "arena: dropped 1 packet (1 malformed); at most a line a minute",
                    "arena: dropped 4 packets (1 malformed, 3 unknown session); at most a line a minute");
        }
    }

    @Test
    void aPacketNumberIsAcceptedOnceAndNotWhenOlderThanTheWindow() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "alice");

        receive(arena, link, input(w, 100, 0, 1, 0));
        receive(arena, link, input(w, 37, 0, 1, 0)); // 63 behind: in the window, never seen
        receive(arena, link, input(w, 36, 0, 1, 0)); // 64 behind: too old to tell
        receive(arena, link, input(w, 37, 0, 1, 0));
        receive(arena, link, input(w, 0, 0, 1, 0));

        assertThat(arena.counters().dropped(DropReason.REPLAYED)).isEqualTo(3);
    }

    @Test
    void impossibleInputsAreWarnedOnceASecondThenThePlayerIsDropped() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "mallory");

        long seq = 0;
        for (int tick = 0; tick < 30 * 4 && arena.counters().players() > 0; tick++) {
            seq++;
            receive(arena, link, input(w, seq, 0, seq, 0x80));
            tick(arena);
        }

        List<Packet> sent = link.sentPackets();
        List<Packet.Warning> warnings = sent.stream().filter(Packet.Warning.class::isInstance)
                .map(Packet.Warning.class::cast).toList();
        assertThat(warnings).hasSize(Strikes.WARNINGS_BEFORE_DROP)
                .allSatisfy(warning -> assertThat(warning.reason()).isEqualTo(PacketCodec.WARNING_IMPOSSIBLE_INPUT));
        assertThat(sent.getLast()).isEqualTo(new Packet.Leave(w.session(), PacketCodec.LEAVE_KICKED));
        assertThat(arena.counters().players()).isZero();
        assertThat(arena.counters().inputsApplied()).isZero();
        assertThat(arena.counters().dropped(DropReason.IMPOSSIBLE)).isGreaterThan(Strikes.WARNINGS_BEFORE_DROP);
        assertThat(link.replies()).hasSize(2); // the handshake's
    }

    @Test
    void inputsFasterThanTheTickRateAreWarnedThenThePlayerIsDropped() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "speedy");

        long n = 0;
        int ticks = 0;
        for (; ticks < 30 * 10 && arena.counters().players() > 0; ticks++) {
            receive(arena, link, input(w, n + 1, 0, n + 1, Buttons.RIGHT, Buttons.RIGHT));
            n += 2;
            tick(arena);
        }

        List<Packet> sent = link.sentPackets();
        assertThat(sent.stream().filter(Packet.Warning.class::isInstance).map(p -> ((Packet.Warning) p).reason()))
                .containsExactly(PacketCodec.WARNING_TOO_FAST, PacketCodec.WARNING_TOO_FAST, PacketCodec.WARNING_TOO_FAST);
        assertThat(sent.getLast()).isEqualTo(new Packet.Leave(w.session(), PacketCodec.LEAVE_KICKED));
        assertThat(arena.counters().dropped(DropReason.TOO_FAST)).isPositive();
        // A second's burst spent at one input too many a tick, then warned a second apart: dropped after
        // three seconds and a little, not at once.
        assertThat(ticks).isBetween(3 * 30, 5 * 30);
        assertThat(arena.counters().ticks()).isEqualTo(ticks);
    }

    @Test
    void aClientAtTheTickRateIsNeverWarnedEvenInBursts() {
        Arena arena = arena();
        TestLink link = new TestLink(40000);
        Packet.Welcome w = welcome(arena, link, "steady");

        long n = 0;
        for (int round = 0; round < 20; round++) {
            // Five ticks' inputs held up by the network, then all at once.
            for (int i = 0; i < 5; i++) {
                tick(arena);
            }
            for (int i = 0; i < 5; i++) {
                n++;
                long first = Math.max(1, n - 7);
                receive(arena, link, input(w, n, 0, first, new int[(int) (n - first + 1)]));
            }
        }

        assertThat(link.sentPackets()).noneMatch(p -> p instanceof Packet.Warning || p instanceof Packet.Leave);
        assertThat(arena.counters().dropped()).isZero();
    }

    // Leaving

    @Test
    void aSilentPlayerTimesOutWithLeave1() {
        Arena arena = arena(new ArenaSettings(30, 20, 8, Duration.ofSeconds(2), NetworkConditions.NONE));
        TestLink quiet = new TestLink(40000);
        TestLink talker = new TestLink(40001);
        Packet.Welcome q = welcome(arena, quiet, "quiet");
        Packet.Welcome t = welcome(arena, talker, "talker");

        for (int tick = 1; tick <= 3 * 30; tick++) {
            receive(arena, talker, input(t, tick, 0, tick, 0));
            tick(arena);
        }

        assertThat(quiet.sentPackets().getLast()).isEqualTo(new Packet.Leave(q.session(), PacketCodec.LEAVE_TIMEOUT));
        assertThat(talker.sentPackets()).noneMatch(Packet.Leave.class::isInstance);
        assertThat(arena.counters().players()).isEqualTo(1);
    }

    @Test
    void stoppingSendsLeave3ToEveryPlayerAndRefusesNewOnes() {
        Arena arena = arena();
        TestLink a = new TestLink(40000);
        TestLink b = new TestLink(40001);
        Packet.Welcome wa = welcome(arena, a, "a");
        Packet.Welcome wb = welcome(arena, b, "b");

        arena.stopping();

        assertThat(a.sentPackets()).containsExactly(new Packet.Leave(wa.session(), PacketCodec.LEAVE_STOPPING));
        assertThat(b.sentPackets()).containsExactly(new Packet.Leave(wb.session(), PacketCodec.LEAVE_STOPPING));
        assertThat(arena.counters().players()).isZero();
        assertThat(((Packet.Refused) join(arena, new TestLink(40002), "c", 1)).reason())
                .isEqualTo(PacketCodec.REFUSED_STOPPING);
    }

    @Test
    void aLeaveEndsTheSessionAndAClosedLinkToo() {
        Arena arena = arena();
        TestLink a = new TestLink(40000);
        TestLink b = new TestLink(40001);
        Packet.Welcome wa = welcome(arena, a, "a");
        welcome(arena, b, "b");

        receive(arena, a, new Packet.Leave(wa.session(), PacketCodec.LEAVE_QUIT));
        arena.closed(b);

        assertThat(arena.counters().players()).isZero();
        assertThat(arena.counters().left()).isEqualTo(2);
        assertThat(a.sent()).isEmpty();
    }
}
