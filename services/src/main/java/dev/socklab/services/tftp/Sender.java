package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

import dev.socklab.service.DatagramSession;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * The sending side of a read transfer: DATA in windows of {@code windowsize} blocks (RFC 7440; 1,
 * RFC 1350's lock step, without the option), each window sent again whole only when its timeout
 * passes without an ACK that moves it on. A duplicate or stale ACK sends nothing: resending on one
 * is the Sorcerer's Apprentice bug, which doubles the traffic with every delayed packet
 * (RFC 1123 4.2.3.1). An ACK inside the window slides it to the block after the one acknowledged.
 * With an OACK, the OACK alone goes out until its ACK 0 arrives, so a source that has acknowledged
 * nothing never receives more than one packet a timeout. Block numbers roll over from 65535 to 0,
 * as tftp-hpa and curl expect.
 */
final class Sender {
    private final DatagramSession session;
    private final BlockSource source;
    private final TransferOptions options;
    private final Inbox inbox;
    /** The blocks sent and not yet acknowledged, oldest first, each a whole DATA packet. */
    private final ArrayDeque<ByteBuffer> window = new ArrayDeque<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private long acknowledged;
    private long read;
    private boolean lastRead;

    Sender(DatagramSession session, BlockSource source, TransferOptions options) {
        this.session = session;
        this.source = source;
        this.options = options;
        this.inbox = new Inbox(session, Retransmission.MAX_CONTROL_PACKET);
    }

    /** Sends the file, and returns once its last block is acknowledged. */
    void run() throws IOException, TftpException, CancelledByPeer {
        if (!options.taken().isEmpty()) {
            ByteBuffer optionAck = PacketCodec.optionAck(options.taken());
            ArrayDeque<ByteBuffer> oack = new ArrayDeque<>();
            oack.add(optionAck);
            exchange(oack, block -> block == 0 ? 1 : 0);
        }
        fill();
        while (!window.isEmpty()) {
            int advanced = exchange(window, this::advance);
            acknowledged += advanced;
            for (int i = 0; i < advanced; i++) {
                spare.add(window.removeFirst());
            }
            fill();
        }
    }

    /** How many blocks an ACK of {@code block} acknowledges: 0 for a duplicate, a stale or a stray one. */
    private int advance(int block) {
        int blocks = (block - (int) acknowledged) & 0xFFFF;
        return blocks <= window.size() ? blocks : 0;
    }

    /** Reads blocks into the window until it holds {@code windowsize} or the last block. */
    private void fill() throws IOException {
        while (!lastRead && window.size() < options.windowSize()) {
            ByteBuffer packet = Optional.ofNullable(spare.poll())
                    .orElseGet(() -> ByteBuffer.allocate(PacketCodec.DATA_HEADER + options.blockSize()));
            packet.clear().position(PacketCodec.DATA_HEADER);
            source.fill(packet);
            lastRead = packet.position() < packet.capacity();
            read++;
            PacketCodec.putDataHeader(packet, read);
            window.add(packet.flip());
        }
    }

    /**
     * Sends {@code packets}, then waits for an ACK that {@code progress} counts as progress, sending
     * them all again at each timeout, a bounded number of times.
     *
     * @return what {@code progress} made of the ACK
     * @throws TftpException when the peer stayed silent through every retransmission
     */
    private int exchange(ArrayDeque<ByteBuffer> packets, IntUnaryOperator progress)
            throws IOException, TftpException, CancelledByPeer {
        for (int sent = 0; sent <= Retransmission.MAX_RETRANSMISSIONS; sent++) {
            for (ByteBuffer packet : packets) {
                session.send(packet.duplicate());
            }
            long deadline = System.nanoTime() + options.timeout().toNanos();
            for (Optional<Packet> packet = inbox.next(deadline); packet.isPresent(); packet = inbox.next(deadline)) {
                if (packet.get() instanceof Packet.Ack ack) {
                    int advanced = progress.applyAsInt(ack.block());
                    if (advanced > 0) {
                        return advanced;
                    }
                }
            }
        }
        throw Retransmission.timedOut("acknowledgement");
    }
}
