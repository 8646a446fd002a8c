package dev.socklab.service;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * What is waiting to be sent to one client, for a service that sends a client what other clients
 * say (a chat room's fan-out). A writer thread of the runtime's drains it, so that whoever offers
 * never waits for this client: a room goes at the pace of the network, not of its slowest member.
 *
 * <p>It is bounded twice: in bytes waiting, and in how long the oldest of them has waited. A
 * client past either bound is disconnected, as Redis does with its client output buffer limit,
 * NATS with a slow consumer and an IRC server with "Max SendQ exceeded": what was queued for it is
 * dropped at once, the service's {@link StreamService#refusalLine refusal line} goes out as its
 * last line (within a second, or not at all), and the connection closes, which ends the service's
 * pending read with an {@link java.io.IOException}.
 *
 * <p>Safe to use from any thread. Messages offered by one thread go out in the order offered.
 */
public interface Outbox {
    /**
     * Queues {@code bytes} to be sent, and returns at once. The array is sent as it is when its
     * turn comes, so it must not change after this call; the same array may be offered to many
     * outboxes.
     *
     * @return false if the bytes were not queued: the client has fallen too far behind (and is
     *     being disconnected for it) or the connection has ended
     */
    boolean offer(byte[] bytes);

    /**
     * Queues the bytes of {@code bytes} from its position to its limit, and returns at once. The
     * buffer itself is left as it is (the outbox sends a view of it), so one buffer may be offered
     * to many outboxes, and must not change afterwards. A direct buffer goes to the socket with no
     * copy: the one to use for a line that many clients get.
     *
     * @return false if the bytes were not queued, as {@link #offer(byte[])}
     */
    boolean offer(ByteBuffer bytes);

    /** Queues {@code text} encoded as UTF-8, then CRLF. */
    boolean offerLine(String text);

    /**
     * Holds the client to new bounds from now on, as a reload asks: the next offer is checked against
     * {@code maxBytes}, and the oldest waiting bytes against {@code maxLag} from the next check. What is
     * queued stays queued; a client already past a lower bound is disconnected at its next offer or
     * check, as any client past its bounds is (as Redis does with a client output buffer limit set
     * lower under connected clients).
     *
     * @throws IllegalArgumentException if {@code maxBytes} is below 1 or {@code maxLag} is not positive
     */
    void bounds(int maxBytes, Duration maxLag);
}
