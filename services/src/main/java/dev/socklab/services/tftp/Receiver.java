package dev.socklab.services.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

import dev.socklab.service.DatagramSession;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * The receiving side of a write transfer: each block in order goes to the sink; an ACK goes out
 * after each {@code windowsize} blocks (RFC 7440; every block without the option), at the first
 * block out of order (the sender resumes after the last one in order), again for a repeat of the
 * block last acknowledged (the sender missed the ACK), and again at each timeout, a bounded number
 * of times. Every ACK answers a packet or a timeout: nothing here multiplies traffic. The file is
 * committed when the last block, the one shorter than {@code blksize}, is in, before its ACK; the
 * receiver then stays a timeout longer to acknowledge that block again if its ACK was lost.
 */
final class Receiver {
    private final DatagramSession session;
    private final BlockSink sink;
    private final FileRoot.Upload upload;
    private final TransferOptions options;
    private final Inbox inbox;
    /** What goes out again at a timeout: the go-ahead (ACK 0 or the OACK), then the last ACK. */
    private ByteBuffer reply;
    private long received;

    Receiver(DatagramSession session, BlockSink sink, FileRoot.Upload upload, TransferOptions options) {
        this.session = session;
        this.sink = sink;
        this.upload = upload;
        this.options = options;
        // One byte more than a block can hold, so that a longer DATA packet shows.
        this.inbox = new Inbox(session, PacketCodec.DATA_HEADER + options.blockSize() + 1);
    }

    /** Sends {@code goAhead} (ACK 0, or the OACK), receives the file, and commits it. */
    void run(ByteBuffer goAhead) throws IOException, TftpException, CancelledByPeer {
        reply = goAhead;
        session.send(reply.duplicate());
        int inWindow = 0;
        int retransmissions = 0;
        boolean gapAnswered = false;
        long deadline = deadline();
        while (true) {
            Optional<Packet> packet = inbox.next(deadline);
            if (packet.isEmpty()) {
                if (++retransmissions > Retransmission.MAX_RETRANSMISSIONS) {
                    throw Retransmission.timedOut("data");
                }
                session.send(reply.duplicate());
                inWindow = 0;
                deadline = deadline();
                continue;
            }
            if (!(packet.get() instanceof Packet.Data data)) {
                continue; // an ACK or a request on a write transfer's port changes nothing
            }
            int ahead = (data.block() - (int) received) & 0xFFFF;
            if (ahead == 1) {
                int length = data.payload().remaining();
                if (length > options.blockSize()) {
                    throw new TftpException(ErrorCode.ILLEGAL_OPERATION, "block " + data.block() + " is longer than blksize "
                            + options.blockSize());
                }
                sink.write(data.payload());
                received++;
                inWindow++;
                retransmissions = 0;
                gapAnswered = false;
                deadline = deadline();
                if (length < options.blockSize()) {
                    sink.finish();
                    upload.commit();
                    acknowledge();
                    dally();
                    return;
                }
                if (inWindow == options.windowSize()) {
                    acknowledge();
                    inWindow = 0;
                }
            } else if (ahead == 0 && received > 0 && inWindow == 0) {
                session.send(reply.duplicate());
            } else if (ahead > 1 && ahead <= options.windowSize() && !gapAnswered) {
                acknowledge();
                inWindow = 0;
                gapAnswered = true;
            }
        }
    }

    private void acknowledge() throws IOException {
        reply = PacketCodec.ack((int) received);
        session.send(reply.duplicate());
    }

    /** Acknowledges the last block again if it comes again within a timeout: its ACK may have been lost. */
    private void dally() throws IOException {
        long deadline = deadline();
        try {
            for (int repeats = 0; repeats < Retransmission.MAX_RETRANSMISSIONS; ) {
                Optional<Packet> packet = inbox.next(deadline);
                if (packet.isEmpty()) {
                    return;
                }
                if (packet.get() instanceof Packet.Data data && data.block() == (int) (received & 0xFFFF)) {
                    session.send(reply.duplicate());
                    repeats++;
                }
            }
        } catch (CancelledByPeer e) {
            // the file is stored; whatever the peer says now changes nothing
        }
    }

    private long deadline() {
        return System.nanoTime() + options.timeout().toNanos();
    }
}
