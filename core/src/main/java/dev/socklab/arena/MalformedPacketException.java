package dev.socklab.arena;

/** A datagram that is no arena packet, or one that breaks the protocol's bounds; its message says which. */
public final class MalformedPacketException extends Exception {
    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
