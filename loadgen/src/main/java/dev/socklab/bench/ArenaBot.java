package dev.socklab.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import dev.socklab.arena.Buttons;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.arena.View;
import dev.socklab.netem.PacketSink;

/**
 * One bot player of {@code bench arena}, playing as docs/services.md's arena client does, without a
 * socket of its own: what it sends goes to a {@link PacketSink}, what arrives is handed to
 * {@link #receive}, and the time is the caller's, so that it runs in memory in tests.
 *
 * <p>It shakes hands (CONNECT, the CHALLENGE's cookie back in a JOIN, then WELCOME or REFUSED; CONNECT
 * and JOIN resent every second, for at most the join timeout). Then, at the WELCOME's tick rate, it
 * samples its keys (a random walk with some fire, from its own seeded random) and sends an INPUT with
 * every input no snapshot has acknowledged yet (at most 8, newest last) and the newest snapshot it
 * has. It applies each SNAPSHOT to its baseline, keeping the last 32 views, and counts the numbers
 * it skipped and the snapshots it could not rebuild; the last input a snapshot names as applied,
 * less the server's hold, gives a round trip. At the end it sends LEAVE. One thread at a time.
 */
final class ArenaBot {
    /** How often CONNECT and JOIN are sent again while no answer comes: UDP may lose them. */
    static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The views kept to apply snapshots to, as the protocol's clients keep them. */
    static final int VIEWS = 32;
    /** Inputs remembered (their buttons and send times): far more than the 8 an INPUT repeats. */
    private static final int INPUTS = 64;
    /** The chance each tick that the bot turns: it walks about half a second one way. */
    private static final double TURN = 1.0 / 15;
    /** The chance each tick that it fires; the server lets a shot through every 10 ticks at most. */
    private static final double FIRE = 0.1;
    /** The walk's headings, 0 east counter-clockwise to 7 south-east, and standing still. */
    private static final int[] HEADINGS = {Buttons.RIGHT, Buttons.RIGHT | Buttons.UP, Buttons.UP,
            Buttons.UP | Buttons.LEFT, Buttons.LEFT, Buttons.LEFT | Buttons.DOWN, Buttons.DOWN,
            Buttons.DOWN | Buttons.RIGHT, 0};

    /** Where a bot is in its life; each state says what {@link #due} does. */
    enum State {
        /** Not started: at its due time the socket opens and CONNECT goes. */
        NEW,
        /** CONNECT sent, waiting for the CHALLENGE; sent again every second. */
        CONNECTING,
        /** JOIN sent with the cookie, waiting for WELCOME or REFUSED; sent again every second. */
        JOINING,
        /** In the arena: an INPUT every tick. */
        PLAYING,
        /** Refused, timed out, dropped, failed, or left: nothing more to do. */
        DONE
    }

    private final String nickname;
    private final RandomGenerator random;
    private final long nonce;
    private final long joinTimeoutNanos;
    private final ArenaTally tally;
    private final PacketSink out;
    private final ByteBuffer buffer;

    private State state = State.NEW;
    private long due;
    private long joinDeadline;
    private Packet.Join join;
    private int session;
    private long tickNanos;
    private long joinedAt;

    private long packetSeq;
    private long nextInput = 1;
    private long ackedInput;
    private final byte[] inputButtons = new byte[INPUTS];
    private final long[] inputNumbers = new long[INPUTS];
    private final long[] inputSentAt = new long[INPUTS];
    private int heading = HEADINGS.length - 1;

    /** The highest snapshot number that arrived; the newest one rebuilt, which INPUTs acknowledge. */
    private long highestSnapshot;
    private long newestSnapshot;
    private final View[] views = new View[VIEWS];
    private final long[] viewNumbers = new long[VIEWS];

    /**
     * A bot that starts at {@code startAt}.
     *
     * @param buffer where packets are encoded to send; the sink sends it before returning, so bots of
     *     one thread may share it
     */
    ArenaBot(int index, RandomGenerator random, long startAt, long joinTimeoutNanos, ArenaTally tally, PacketSink out,
             ByteBuffer buffer) {
        this.nickname = "bot" + (index + 1);
        this.random = random;
        this.nonce = random.nextLong();
        this.due = startAt;
        this.joinTimeoutNanos = joinTimeoutNanos;
        this.tally = tally;
        this.out = out;
        this.buffer = buffer;
    }

    State state() {
        return state;
    }

    /** When {@link #due} should run next; meaningful while {@link #scheduled}. */
    long due() {
        return due;
    }

    /** Whether the bot has something to do at its due time. */
    boolean scheduled() {
        return state != State.DONE;
    }

    /** Its due time came: start, send a handshake packet again or give up on it, or play a tick. */
    void due(long now) throws IOException {
        switch (state) {
            case NEW -> {
                state = State.CONNECTING;
                joinDeadline = now + joinTimeoutNanos;
                send(new Packet.Connect(nonce), now);
                due = Math.min(now + RESEND_NANOS, joinDeadline);
            }
            case CONNECTING, JOINING -> {
                if (now - joinDeadline >= 0) {
                    joinFailed(JoinFailure.TIMEOUT);
                    return;
                }
                send(state == State.CONNECTING ? new Packet.Connect(nonce) : join, now);
                due = Math.min(now + RESEND_NANOS, joinDeadline);
            }
            case PLAYING -> {
                tick(now);
                due += tickNanos;
                if (now - due >= 0) {
                    // A tick or more late (a stalled thread): skip, rather than send a burst the server takes
                    // for inputs faster than its tick.
                    due = now + tickNanos;
                }
            }
            case DONE -> {
            }
        }
    }

    /** A datagram from the server, from its position to its limit. */
    void receive(ByteBuffer datagram, long now) throws IOException {
        boolean counting = tally.window.counting(now);
        if (counting) {
            tally.bytesIn += datagram.remaining();
        }
        Packet packet;
        try {
            packet = PacketCodec.decode(datagram);
        } catch (MalformedPacketException e) {
            tally.undecodable++;
            return;
        }
        switch (packet) {
            case Packet.Challenge c when state == State.CONNECTING && c.nonce() == nonce -> {
                join = new Packet.Join(nonce, c.timestamp(), c.cookie(), nickname);
                state = State.JOINING;
                send(join, now);
                due = Math.min(now + RESEND_NANOS, joinDeadline);
            }
            case Packet.Welcome w when state == State.JOINING -> welcomed(w, now);
            case Packet.Refused r when state == State.CONNECTING || state == State.JOINING ->
                    joinFailed(JoinFailure.refused(r.reason()));
            case Packet.Snapshot s when state == State.PLAYING && s.session() == session -> snapshot(s, now, counting);
            case Packet.Warning w when state == State.PLAYING && w.session() == session -> tally.warnings++;
            case Packet.Leave l when state == State.PLAYING && l.session() == session -> dropped(now);
            default -> {
                // A WELCOME again for a JOIN sent twice, a CHALLENGE for a CONNECT sent twice: already answered.
            }
        }
    }

    /** The run is over: LEAVE, if playing. */
    void leave(long now) throws IOException {
        if (state == State.PLAYING) {
            state = State.DONE;
            played(now);
            send(new Packet.Leave(session, PacketCodec.LEAVE_QUIT), now);
        }
        state = State.DONE;
    }

    /** Its socket failed: before WELCOME the bot could not join; after, it is out of the game. */
    void failed(long now) {
        if (state == State.PLAYING) {
            dropped(now);
        } else if (state != State.DONE) {
            joinFailed(JoinFailure.UNREACHABLE);
        }
    }

    private void welcomed(Packet.Welcome w, long now) {
        session = w.session();
        tickNanos = TimeUnit.SECONDS.toNanos(1) / Math.max(1, w.tickRate());
        tally.tickRate = w.tickRate();
        tally.snapshotRate = w.snapshotRate();
        tally.joined++;
        joinedAt = now;
        state = State.PLAYING;
        due = now;
    }

    private void tick(long now) throws IOException {
        if (random.nextDouble() < TURN) {
            heading = random.nextInt(HEADINGS.length);
        }
        long number = nextInput++;
        int slot = (int) (number % INPUTS);
        inputButtons[slot] = (byte) (HEADINGS[heading] | (random.nextDouble() < FIRE ? Buttons.FIRE : 0));
        inputNumbers[slot] = number;
        inputSentAt[slot] = now;
        // Every input not yet acknowledged, at most the newest 8: older ones are given up.
        long first = Math.max(ackedInput + 1, number - PacketCodec.MAX_INPUTS_PER_PACKET + 1);
        byte[] carried = new byte[(int) (number - first + 1)];
        for (long n = first; n <= number; n++) {
            carried[(int) (n - first)] = inputButtons[(int) (n % INPUTS)];
        }
        send(new Packet.Input(session, ++packetSeq, newestSnapshot, first, carried), now);
    }

    private void snapshot(Packet.Snapshot s, long now, boolean counting) {
        if (s.seq() <= highestSnapshot) {
            return; // a duplicate, or late: its number was counted lost when a later one came
        }
        if (counting) {
            tally.snapshotsLost += s.seq() - highestSnapshot - 1;
        }
        highestSnapshot = s.seq();
        tally.players = Math.max(tally.players, s.players());
        tally.tickTime(s.tick(), s.tickMicros(), now);
        acknowledged(s.ackInput(), s.holdMillis(), now, counting);
        View baseline = s.baseline() == 0 ? View.EMPTY : view(s.baseline());
        if (baseline == null) {
            tally.undecodable++;
            return;
        }
        View view;
        try {
            view = baseline.apply(s.entities());
        } catch (MalformedPacketException e) {
            tally.undecodable++;
            return;
        }
        int slot = (int) (s.seq() % VIEWS);
        views[slot] = view;
        viewNumbers[slot] = s.seq();
        newestSnapshot = s.seq();
        if (counting) {
            tally.snapshots++;
        }
    }

    /** The view rebuilt from snapshot {@code number}, if kept. */
    private View view(long number) {
        int slot = (int) (number % VIEWS);
        return viewNumbers[slot] == number ? views[slot] : null;
    }

    /** Inputs up to {@code ackInput} were applied, the last {@code holdMillis} after it arrived. */
    private void acknowledged(long ackInput, int holdMillis, long now, boolean counting) {
        if (ackInput <= ackedInput || ackInput >= nextInput) {
            return; // nothing new, or an input never sent
        }
        ackedInput = ackInput;
        int slot = (int) (ackInput % INPUTS);
        if (counting && inputNumbers[slot] == ackInput) {
            tally.roundTrip.record(now - inputSentAt[slot] - TimeUnit.MILLISECONDS.toNanos(holdMillis));
        }
    }

    private void joinFailed(JoinFailure why) {
        tally.joinFailures[why.ordinal()]++;
        state = State.DONE;
    }

    private void dropped(long now) {
        tally.dropped++;
        played(now);
        state = State.DONE;
    }

    /** Adds the time it played inside the counted window. */
    private void played(long now) {
        Window window = tally.window;
        long from = joinedAt - window.measureStart() > 0 ? joinedAt : window.measureStart();
        long to = now - window.end() < 0 ? now : window.end();
        tally.playingNanos += Math.max(0, to - from);
    }

    private void send(Packet packet, long now) throws IOException {
        buffer.clear();
        PacketCodec.encode(packet, buffer);
        buffer.flip();
        if (tally.window.counting(now)) {
            tally.bytesOut += buffer.remaining();
        }
        out.send(buffer);
    }
}
