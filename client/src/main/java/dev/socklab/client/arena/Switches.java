package dev.socklab.client.arena;

/**
 * The three techniques a client can switch off to see what each is for, as in Gabriel Gambetta's
 * "Fast-Paced Multiplayer" demo.
 *
 * @param prediction the own player moves at once with each key, by the same rules as the server
 *     ({@code Physics.move}), instead of a round trip later
 * @param reconciliation a snapshot's own state has the inputs the server has not applied yet
 *     applied again on top of it, instead of the own player jumping back to where the server saw it
 * @param interpolation the others are drawn a little in the past, moving smoothly between two
 *     snapshots, instead of jumping from one snapshot to the next
 */
public record Switches(boolean prediction, boolean reconciliation, boolean interpolation) {
    /** Every technique on: how a game plays. */
    public static final Switches ALL_ON = new Switches(true, true, true);

    /** These switches with prediction flipped. */
    public Switches flipPrediction() {
        return new Switches(!prediction, reconciliation, interpolation);
    }

    /** These switches with reconciliation flipped. */
    public Switches flipReconciliation() {
        return new Switches(prediction, !reconciliation, interpolation);
    }

    /** These switches with interpolation flipped. */
    public Switches flipInterpolation() {
        return new Switches(prediction, reconciliation, !interpolation);
    }
}
