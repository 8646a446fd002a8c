package dev.socklab.rpc;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;

/**
 * What a method may know about the call it serves: who called, and by when it must answer. The
 * method's thread is interrupted at the deadline, so a method that blocks (a sleep, a lock, a
 * socket of its own) ends there; one that computes should look at {@link #remaining()}.
 *
 * @param peer the caller's address, as the connection has it
 * @param deadline when the call's answer is due
 * @param log the connection's logger: what a method logs is tagged with the call's connection
 */
public record CallContext(SocketAddress peer, Instant deadline, Logger log) {
    /** How long the method has left, zero once the deadline has passed. */
    public Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
