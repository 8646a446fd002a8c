package dev.socklab.services.chat;

/**
 * Strips telnet's commands (RFC 854) from what a client sends: a telnet client may negotiate
 * options or send an interrupt as bytes that start with IAC (255), and none of them is text for
 * the room. The server negotiates nothing, so a client that asks gets no answer and carries on.
 */
final class TelnetFilter {
    static final int IAC = 255;
    private static final int SE = 240;
    private static final int SB = 250;
    private static final int WILL = 251;
    private static final int DONT = 254;

    private enum State { DATA, COMMAND, OPTION, SUBNEGOTIATION, SUBNEGOTIATION_IAC }

    private State state = State.DATA;

    /** The data byte that {@code b} is, or -1 when it is part of a telnet command. */
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
                return -1;
            }
            case OPTION -> {
                state = State.DATA;
                return -1;
            }
            case SUBNEGOTIATION -> {
                if (v == IAC) {
                    state = State.SUBNEGOTIATION_IAC;
                }
                return -1;
            }
            case SUBNEGOTIATION_IAC -> {
                state = v == SE ? State.DATA : State.SUBNEGOTIATION;
                return -1;
            }
            default -> throw new IllegalStateException(state.toString());
        }
    }
}
