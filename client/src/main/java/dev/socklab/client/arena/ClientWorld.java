package dev.socklab.client.arena;

import java.time.Duration;
import java.util.Optional;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.MalformedPacketException;
import dev.socklab.arena.Packet;
import dev.socklab.arena.View;

/**
 * What one player's client knows of the arena, and what it does each tick and at each snapshot,
 * as docs/services.md's arena section and Gambetta's articles describe it; no socket and no clock
 * in it (every call is given the time), so that tests drive it tick by tick.
 *
 * <p>At each tick ({@link #tick}) the keys become the next numbered input, which moves the own
 * player at once when prediction is on; the INPUT to send repeats every input not yet acknowledged
 * (the newest 8) and names the newest snapshot. A snapshot ({@link #snapshot}) is used only if it is
 * this session's, newer than the newest used, and its baseline is kept; it then acknowledges inputs
 * (a round trip), sets the own player ({@link OwnPlayer}) and adds a view to draw the others from
 * ({@link Interpolation}).
 *
 * <p>Safe for the three threads of a client: the tick, the receiver and the screen.
 */
final class ClientWorld {
    private final Packet.Welcome welcome;
    private final PendingInputs inputs = new PendingInputs();
    private final Baselines baselines = new Baselines();
    private final OwnPlayer own;
    private final Interpolation interpolation;
    private final StatsMeter stats = new StatsMeter();
    private Switches switches;
    private long packets;
    private long newest;
    private int players;
    private String warning;

    /** The world of the session {@code welcome} opened, with {@code switches} set. */
    ClientWorld(Packet.Welcome welcome, Switches switches) {
        this.welcome = welcome;
        this.switches = switches;
        this.own = new OwnPlayer(welcome.width(), welcome.height());
        // Two snapshot intervals: with one snapshot lost there is still one on either side.
        this.interpolation = new Interpolation(2 * Duration.ofSeconds(1).toNanos() / welcome.snapshotRate());
    }

    Packet.Welcome welcome() {
        return welcome;
    }

    synchronized Switches switches() {
        return switches;
    }

    synchronized void switches(Switches changed) {
        switches = changed;
    }

    /**
     * One client tick at {@code nowNanos}: {@code buttons} become the next input.
     *
     * @return the INPUT to send now
     */
    synchronized Packet.Input tick(int buttons, long nowNanos) {
        inputs.add(buttons, nowNanos);
        own.input(buttons, switches);
        return new Packet.Input(welcome.session(), ++packets, newest, inputs.firstToSend(), inputs.toSend());
    }

    /**
     * A snapshot received at {@code nowNanos}.
     *
     * @return whether it was used: false for another session's, one not newer than the newest
     *     used (a duplicate, or overtaken on the way), one whose baseline is not kept, or one that
     *     does not fit its baseline
     */
    synchronized boolean snapshot(Packet.Snapshot snapshot, long nowNanos) {
        if (snapshot.session() != welcome.session() || snapshot.seq() <= newest) {
            return false;
        }
        Optional<View> baseline = baselines.find(snapshot.baseline());
        if (baseline.isEmpty()) {
            return false;
        }
        View view;
        try {
            view = baseline.get().apply(snapshot.entities());
        } catch (MalformedPacketException e) {
            return false;
        }
        stats.snapshot(nowNanos, newest == 0 ? 0 : snapshot.seq() - newest - 1);
        newest = snapshot.seq();
        players = snapshot.players();
        baselines.keep(snapshot.seq(), view);
        inputs.acknowledge(snapshot.ackInput()).ifPresent(sent -> stats.roundTrip(nowNanos,
                Math.max(0, nowNanos - sent - Duration.ofMillis(snapshot.holdMillis()).toNanos())));
        Optional<EntityState> self = view.find(welcome.player());
        self.ifPresent(state -> own.snapshot(state, inputs.unacknowledged(), switches));
        interpolation.add(nowNanos, snapshot.tick(), view);
        return true;
    }

    /** A WARNING's text from the server, shown until the next. */
    synchronized void warning(String text) {
        warning = text;
    }

    /** What to show at {@code nowNanos}. */
    synchronized ArenaFrame frame(long nowNanos) {
        return new ArenaFrame(own.shown(), interpolation.others(nowNanos, welcome.player(), switches.interpolation()),
                welcome.width(), welcome.height(), players, switches, stats.stats(nowNanos, own.corrections()),
                Optional.ofNullable(warning));
    }
}
