package dev.socklab.client.arena;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import dev.socklab.arena.Packet;
import dev.socklab.arena.PacketCodec;
import dev.socklab.client.ServerRefusedException;
import dev.socklab.text.Durations;

/**
 * The client's side of the arena's handshake: CONNECT with a nonce, the CHALLENGE's cookie back in
 * a JOIN, then WELCOME or REFUSED. Each step is sent again when nothing useful comes within the
 * wait, a few times, since any datagram may be lost: a CONNECT until a CHALLENGE with this nonce
 * comes, then the JOIN, which the server answers with the same WELCOME however often it comes.
 * Anything else that arrives meanwhile is not for the handshake and is ignored.
 */
final class Handshake {
    /** How many waits may run out before the client gives up. */
    static final int ATTEMPTS = 5;
    /** How long each step waits for its answer: far more than a round trip, even with a lab's lag. */
    static final Duration WAIT = Duration.ofSeconds(1);

    /** Where the handshake's packets go and come from. */
    interface Wire {
        /** Sends {@code packet} to the server. */
        void send(Packet packet) throws IOException;

        /** The next packet from the server, waiting until {@code deadlineNanos} at most; empty if none came. */
        Optional<Packet> receive(long deadlineNanos) throws IOException;
    }

    private final Wire wire;
    private final LongSupplier nanoClock;
    private final String server;

    /**
     * A handshake over {@code wire}, its waits on {@code nanoClock} (as {@link System#nanoTime}
     * counts); {@code server} names the server in errors, such as {@code udp 127.0.0.1:10666}.
     */
    Handshake(Wire wire, LongSupplier nanoClock, String server) {
        this.wire = wire;
        this.nanoClock = nanoClock;
        this.server = server;
    }

    /**
     * Joins as {@code nickname}, with {@code nonce} in the CONNECT.
     *
     * @return the server's WELCOME
     * @throws ServerRefusedException if the server answers REFUSED, with its reason as the code
     * @throws SocketTimeoutException if {@link #ATTEMPTS} waits pass with no answer
     * @throws IOException if sending or receiving fails
     */
    Packet.Welcome join(long nonce, String nickname) throws IOException {
        Packet.Challenge challenge = null;
        int waits = 0;
        while (waits < ATTEMPTS) {
            wire.send(challenge == null ? new Packet.Connect(nonce)
                    : new Packet.Join(challenge.nonce(), challenge.timestamp(), challenge.cookie(), nickname));
            long deadline = nanoClock.getAsLong() + WAIT.toNanos();
            Optional<Packet> answer;
            while ((answer = wire.receive(deadline)).isPresent()) {
                Packet packet = answer.get();
                if (packet instanceof Packet.Welcome welcome) {
                    return welcome;
                }
                if (packet instanceof Packet.Refused refused) {
                    throw refusal(refused);
                }
                if (challenge == null && packet instanceof Packet.Challenge c && c.nonce() == nonce) {
                    challenge = c;
                    break; // the JOIN goes at once
                }
                // Anything else is a stray or repeated packet: wait on for the answer.
            }
            if (answer.isEmpty()) {
                waits++;
            }
        }
        throw new SocketTimeoutException("no answer from " + server + " within "
                + Durations.format(WAIT.multipliedBy(ATTEMPTS)) + " (" + ATTEMPTS + " tries): is an arena served"
                + " there? (socklab serve arena)");
    }

    /** The REFUSED as one sentence: the server's text (or what its reason means) and what to do. */
    private ServerRefusedException refusal(Packet.Refused refused) {
        String meaning = switch (refused.reason()) {
            case PacketCodec.REFUSED_FULL -> "the arena is full";
            case PacketCodec.REFUSED_BAD_COOKIE -> "the handshake's cookie was stale or wrong";
            case PacketCodec.REFUSED_BAD_NAME -> "the nickname was refused";
            case PacketCodec.REFUSED_STOPPING -> "the server is stopping";
            default -> "reason " + refused.reason();
        };
        String hint = switch (refused.reason()) {
            case PacketCodec.REFUSED_FULL, PacketCodec.REFUSED_BAD_COOKIE -> "; try again later";
            case PacketCodec.REFUSED_BAD_NAME -> "; choose one with no blanks or invisible characters";
            default -> "";
        };
        String why = refused.text().isEmpty() ? meaning : refused.text();
        return new ServerRefusedException(refused.reason(),
                "the arena at " + server + " refused to let you in: " + why + hint);
    }
}
