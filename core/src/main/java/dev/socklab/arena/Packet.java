package dev.socklab.arena;

import java.util.List;

/**
 * One arena packet, decoded ({@link PacketCodec}). The handshake comes first: CONNECT, CHALLENGE
 * (the server's cookie), JOIN (the cookie back), then WELCOME or REFUSED. Every later packet carries
 * the session id WELCOME gave. Counters on the wire are unsigned 32-bit and held here in longs.
 */
public sealed interface Packet {
    /** The type byte this packet goes by on the wire. */
    int type();

    /**
     * CONNECT (client): a nonce, padded to {@link PacketCodec#CONNECT_SIZE} bytes so that the
     * CHALLENGE it earns is smaller than itself: the handshake amplifies nothing.
     */
    record Connect(long nonce) implements Packet {
        @Override
        public int type() {
            return PacketCodec.CONNECT;
        }
    }

    /** CHALLENGE (server): the client's nonce, the server's time in seconds, and a cookie over both and the client's address. */
    record Challenge(long nonce, long timestamp, byte[] cookie) implements Packet {
        @Override
        public int type() {
            return PacketCodec.CHALLENGE;
        }
    }

    /** JOIN (client): the CHALLENGE's nonce, time and cookie back, and a nickname. */
    record Join(long nonce, long timestamp, byte[] cookie, String nickname) implements Packet {
        @Override
        public int type() {
            return PacketCodec.JOIN;
        }
    }

    /** WELCOME (server): the session, the player's id, the rates, and the arena's size in units. */
    record Welcome(int session, int player, int tickRate, int snapshotRate, int width, int height) implements Packet {
        @Override
        public int type() {
            return PacketCodec.WELCOME;
        }
    }

    /** REFUSED (server): why there is no place for the client ({@link PacketCodec#REFUSED_FULL} and the others). */
    record Refused(int reason, String text) implements Packet {
        @Override
        public int type() {
            return PacketCodec.REFUSED;
        }
    }

    /**
     * INPUT (client): the inputs numbered {@code firstInput} on, oldest first (each a {@link Buttons}
     * byte), repeated in later packets until a snapshot acknowledges them, so that a lost packet
     * loses no input; and the newest snapshot the client has, which the server encodes the next
     * against.
     */
    record Input(int session, long packetSeq, long ackSnapshot, long firstInput, byte[] buttons) implements Packet {
        @Override
        public int type() {
            return PacketCodec.INPUT;
        }

        /** The number of the newest input this packet carries. */
        public long lastInput() {
            return firstInput + buttons.length - 1;
        }
    }

    /**
     * SNAPSHOT (server): what the player sees at {@code tick}, as the difference from its snapshot
     * {@code baseline} (0: from nothing); the last of its inputs applied, and how long ago in
     * milliseconds that input arrived (so the client can tell its round trip); the last tick's
     * duration in microseconds; the players in the arena.
     */
    record Snapshot(int session, long seq, long baseline, long tick, long ackInput, int holdMillis, long tickMicros,
                    int players, List<EntityDelta> entities) implements Packet {
        public Snapshot {
            entities = List.copyOf(entities);
        }

        @Override
        public int type() {
            return PacketCodec.SNAPSHOT;
        }
    }

    /** WARNING (server): the player broke a rule ({@link PacketCodec#WARNING_TOO_FAST}, ...); again, and it is dropped. */
    record Warning(int session, int reason, String text) implements Packet {
        @Override
        public int type() {
            return PacketCodec.WARNING;
        }
    }

    /** LEAVE (either side): the session ends ({@link PacketCodec#LEAVE_QUIT} and the others). */
    record Leave(int session, int reason) implements Packet {
        @Override
        public int type() {
            return PacketCodec.LEAVE;
        }
    }
}
