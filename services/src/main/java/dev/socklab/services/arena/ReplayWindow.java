package dev.socklab.services.arena;

/**
 * Which packet numbers a player's INPUTs have used, as IPsec (RFC 4303, 3.4.3) and DTLS (RFC 6347,
 * 4.1.2.6) keep them: the newest number, and a bit for each of the {@value #SIZE} before it. A
 * number seen already, or older than the window, is a replay (a duplicate the network made, or one
 * an attacker sent again). Not thread-safe: its player's input lock guards it.
 */
final class ReplayWindow {
    static final int SIZE = 64;

    private long newest;
    /** Bit i set: packet {@code newest - i} was seen. */
    private long seen;

    /** Marks {@code number} as seen; false if it was seen already, is 0, or is too old to tell. */
    boolean accept(long number) {
        if (number <= 0) {
            return false;
        }
        if (number > newest) {
            long shift = number - newest;
            seen = shift >= SIZE ? 1 : seen << shift | 1;
            newest = number;
            return true;
        }
        long age = newest - number;
        if (age >= SIZE || (seen & 1L << age) != 0) {
            return false;
        }
        seen |= 1L << age;
        return true;
    }
}
