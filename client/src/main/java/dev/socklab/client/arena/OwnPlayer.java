package dev.socklab.client.arena;

import java.util.Optional;

import dev.socklab.arena.EntityState;
import dev.socklab.arena.Physics;

/**
 * The own player as the client shows it: predicted at each of its inputs, and set again from each
 * snapshot, reconciled or not, as the switches say. Positions and facing come from the prediction;
 * health, score and shots from the server alone.
 */
final class OwnPlayer {
    private final int width;
    private final int height;
    /** The newest snapshot's own state; null before the first. */
    private EntityState server;
    /** Where the own player is shown; null before the first snapshot. */
    private EntityState shown;
    private long corrections;

    OwnPlayer(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** One input of the own player's, applied at once when prediction is on. */
    void input(int buttons, Switches switches) {
        if (switches.prediction() && shown != null) {
            shown = Physics.move(shown, buttons, width, height);
        }
    }

    /**
     * A snapshot's own state {@code fromServer}, after the server applied the inputs up to its last
     * acknowledged; {@code unacknowledged} are the inputs sent since, oldest first.
     * <ul>
     *   <li>prediction and reconciliation on: those inputs are applied again on top of it, which
     *       lands where the prediction already is unless the server saw something else (a lost
     *       input, a hit that moved the player): that move is a correction;</li>
     *   <li>prediction on, reconciliation off: the server's position as it is, a round trip behind
     *       the keys, so the player jumps back and predicts on from there;</li>
     *   <li>prediction off: the server's position.</li>
     * </ul>
     */
    void snapshot(EntityState fromServer, int[] unacknowledged, Switches switches) {
        server = fromServer;
        if (!switches.prediction() || !switches.reconciliation()) {
            shown = fromServer;
            return;
        }
        EntityState reconciled = fromServer;
        for (int buttons : unacknowledged) {
            reconciled = Physics.move(reconciled, buttons, width, height);
        }
        if (shown != null && (reconciled.x() != shown.x() || reconciled.y() != shown.y())) {
            corrections++;
        }
        shown = reconciled;
    }

    /** The own player as shown, once a snapshot has shown it. */
    Optional<EntityState> shown() {
        if (shown == null) {
            return Optional.empty();
        }
        return Optional.of(new EntityState(server.id(), shown.x(), shown.y(), shown.facing(), server.fired(),
                server.health(), server.score(), server.name()));
    }

    /** How many snapshots reconciliation moved the own player by. */
    long corrections() {
        return corrections;
    }
}
