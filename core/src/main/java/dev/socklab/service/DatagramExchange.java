package dev.socklab.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What a UDP service does with a socket of its own for one peer ({@link Datagram#openSession}):
 * a TFTP transfer, which RFC 1350 runs between two fresh ports (its transfer IDs) so that the
 * well-known port stays free for new requests. It runs in a virtual thread of its own, straight-line:
 * send, receive with a wait, send again.
 */
@FunctionalInterface
public interface DatagramExchange {
    /**
     * Talks to the peer. Returning (or throwing) ends the exchange; the runtime then closes its
     * socket and logs one line for it, as for a stream connection.
     */
    void serve(DatagramSession session) throws IOException;

    /**
     * The answer to a datagram that reaches this exchange's socket from any address but its peer's
     * (TFTP's ERROR 5, unknown transfer ID), or empty for none. The exchange itself never sees such
     * a datagram, and an answer goes out under the server's UDP rate limits.
     */
    default Optional<ByteBuffer> answerStranger(ByteBuffer payload) {
        return Optional.empty();
    }
}
