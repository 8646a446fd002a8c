package dev.socklab.bench;

import dev.socklab.arena.PacketCodec;

/** Why a bot of {@code bench arena} did not get into the arena: the server's REFUSED reason, or no answer. */
public enum JoinFailure {
    /** REFUSED: the arena has as many players as it takes ({@code serve --arena-max-players}). */
    FULL("refused, the arena full"),
    /** REFUSED: the cookie came back wrong or too late. */
    BAD_COOKIE("refused, a bad cookie"),
    /** REFUSED: the nickname was not one the server takes. */
    BAD_NAME("refused, a bad nickname"),
    /** REFUSED: the server is stopping. */
    STOPPING("refused, the server stopping"),
    /** REFUSED with a reason this version does not know. */
    REFUSED("refused for another reason"),
    /** Neither CHALLENGE nor WELCOME came within {@code --timeout}, CONNECT and JOIN resent every second. */
    TIMEOUT("timed out"),
    /** The socket failed: ICMP port unreachable (nothing listens), or another error of the system. */
    UNREACHABLE("unreachable");

    private final String label;

    JoinFailure(String label) {
        this.label = label;
    }

    /** The failure a REFUSED's reason byte names. */
    static JoinFailure refused(int reason) {
        return switch (reason) {
            case PacketCodec.REFUSED_FULL -> FULL;
            case PacketCodec.REFUSED_BAD_COOKIE -> BAD_COOKIE;
            case PacketCodec.REFUSED_BAD_NAME -> BAD_NAME;
            case PacketCodec.REFUSED_STOPPING -> STOPPING;
            default -> REFUSED;
        };
    }

    /** How a sentence counts it: {@code 12 refused, the arena full}. */
    public String label() {
        return label;
    }
}
