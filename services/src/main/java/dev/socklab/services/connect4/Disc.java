package dev.socklab.services.connect4;

/** A player's disc, as the board draws it: the first player's is X. */
enum Disc {
    X, O;

    /** The other player's disc. */
    Disc other() {
        return this == X ? O : X;
    }
}
