package dev.socklab.services.chat;

/**
 * Strips telnet's commands (RFC 854) from what a client sends: a telnet client may negotiate
 * options or send an interrupt as bytes that start with IAC (255), and none of them is text for
 * the room. The server negotiates nothing, so a client that asks gets no answer and carries on.
 * A subnegotiation ({@code IAC SB ... IAC SE}) is bounded: one that holds more than
 * {@link #MAX_SUBNEGOTIATION_BYTES} bytes is taken to have ended, as a client that never closes one
 * (by mistake or not) would otherwise have everything it sends after it dropped unseen.
 */
final class TelnetFilter {
    static final int IAC = 255;
    /**
     * The most bytes a subnegotiation may hold between {@code IAC SB} and {@code IAC SE}: what clients
     * send this way (window size, terminal type, environment variables) takes tens of bytes.
     */
    static final int MAX_SUBNEGOTIATION_BYTES = 256;
    /** What {@link #filter} returns for the byte that takes a subnegotiation past its bound, ending it. */
    static final int CUT = -2;
    private static final int SE = 240;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int DONT = 254;

    private enum State { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC }

    private State state = State.DATA;
    /** Bytes of the subnegotiation under way. */
    private int subnegotiated;

    /**
     * The data byte that {@code b} is, -1 when it is part of a telnet command, or {@link #CUT} when
     * it takes a subnegotiation past its bound: the subnegotiation ends there, and the next byte is data.
     */
    int filter(byte b) {
        int v = b & 0xFF;
        switch (state) {
            case DATA -> {
                if (v == IAC) {
                    state = State.COMMAND;
                    return -1;
                }
                return v;
            }
            case COMMAND -> {
                if (v == IAC) {
                    // IAC IAC is a data byte of 255, which no UTF-8 text holds: the line will be refused as such.
                    state = State.DATA;
                    return v;
                }
                state = v >= WILL && v <= DONT ? State.OPTION : v == SB ? State.SUBNEGOTIATION : State.DATA;
                subnegotiated = 0;
                return -1;
            }
            case OPTION -> {
                state = State.DATA;
                return -1;
            }
            case SUBNEGOTIATION -> {
                if (v == IAC) {
                    // Counted with the byte after it, unless that ends the subnegotiation.
                    state = State.SUBNEGOTIATION_IAC;
                    return -1;
                }
                return within(1);
            }
            case SUBNEGOTIATION_IAC -> {
                if (v == SE) {
                    state = State.DATA;
                    return -1;
                }
                state = State.SUBNEGOTIATION;
                return within(2);
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }

    /** Counts {@code bytes} more of the subnegotiation: -1 within the bound, or {@link #CUT}, ending it, past it. */
    private int within(int bytes) {
        subnegotiated += bytes;
        if (subnegotiated > MAX_SUBNEGOTIATION_BYTES) {
            state = State.DATA;
            return CUT;
        }
        return -1;
    }
}
