package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import dev.socklab.service.DatagramSession;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * The packets a transfer's peer sends, one at a time until a deadline. A datagram that is not TFTP
 * is skipped without an answer and without moving the deadline, so noise can neither end a transfer
 * nor keep it alive.
 */
final class Inbox {
    private final DatagramSession session;
    private final ByteBuffer buffer;

    /** Reads datagrams of up to {@code capacity} bytes; a longer one is cut there. */
    Inbox(DatagramSession session, int capacity) {
        this.session = session;
        this.buffer = ByteBuffer.allocate(capacity);
    }

    /**
     * The peer's next packet, or empty if none came before {@code deadline} ({@link System#nanoTime()}).
     * A DATA packet's bytes are valid until the next call.
     *
     * @throws CancelledByPeer if the peer sent an ERROR
     */
    Optional<Packet> next(long deadline) throws IOException, CancelledByPeer {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            buffer.clear();
            if (session.receive(buffer, Duration.ofNanos(left)) < 0) {
                return Optional.empty();
            }
            buffer.flip();
            Packet packet;
            try {
                packet = PacketCodec.decode(buffer);
            } catch (TftpException e) {
                continue;
            }
            if (packet instanceof Packet.Error error) {
                throw new CancelledByPeer(error);
            }
            return Optional.of(packet);
        }
    }
}
