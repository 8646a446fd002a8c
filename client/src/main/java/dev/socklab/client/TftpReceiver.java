package dev.socklab.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;

import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;

/**
 * The receiving side of a TFTP transfer: DATA in, ACK out, once per window. A block out of order
 * (one lost, or one seen twice) is answered with the ACK of the last block taken in order, once
 * per gap, and the window starts again after it (RFC 7440 §4); with a window of 1 that is RFC
 * 1350's answer to a lost ACK. The transfer ends with a block shorter than the block size.
 */
final class TftpReceiver {
    private final TftpSession session;
    private final TftpClient.Agreed agreed;
    private final OutputStream out;
    private final TransferProgress progress;
    /** The last block taken, counted from 1 without rolling over; its low 16 bits are on the wire. */
    private long last;
    private long bytes;
    private int inWindow;
    /** Whether the current gap has been answered already: a window of strays gets one ACK, not one each. */
    private boolean gapAnswered;
    private ByteBuffer lastSent;

    TftpReceiver(TftpSession session, TftpClient.Agreed agreed, OutputStream out, TransferProgress progress) {
        this.session = session;
        this.agreed = agreed;
        this.out = out;
        this.progress = progress;
    }

    /**
     * Receives to the end.
     *
     * @param first the server's first DATA, when it sent one in answer to the request; else null
     * @param resend what was sent last (ACK 0 for an OACK), sent again while nothing comes
     * @return the bytes written
     */
    long receive(Packet.Data first, ByteBuffer resend) throws IOException {
        lastSent = resend;
        Packet packet = first;
        while (true) {
            if (packet == null) {
                packet = session.next(() -> session.send(lastSent));
            }
            if (!(packet instanceof Packet.Data data)) {
                session.abort(ErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation");
                throw new ProtocolException("the server sent TFTP opcode " + packet.opcode()
                        + " in the middle of a download, where DATA was due");
            }
            if (take(data)) {
                return bytes;
            }
            packet = null;
        }
    }

    /** Takes one DATA packet; whether it was the last. */
    private boolean take(Packet.Data packet) throws IOException {
        int block = packet.block();
        if (block != (int) ((last + 1) & 0xFFFF)) {
            inWindow = 0;
            if (!gapAnswered) {
                gapAnswered = true;
                acknowledge();
            }
            return false;
        }
        ByteBuffer payload = packet.payload();
        if (payload.remaining() > agreed.blksize()) {
            session.abort(ErrorCode.ILLEGAL_OPERATION, "Block larger than blksize");
            throw new ProtocolException("the server sent a block of " + payload.remaining() + " bytes, more than"
                    + " the block size of " + agreed.blksize());
        }
        boolean end = payload.remaining() < agreed.blksize();
        out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        last++;
        bytes += payload.remaining();
        gapAnswered = false;
        session.progressed();
        progress.moved(bytes);
        if (end || ++inWindow == agreed.windowsize()) {
            inWindow = 0;
            acknowledge();
        }
        return end;
    }

    private void acknowledge() throws IOException {
        lastSent = PacketCodec.ack((int) (last & 0xFFFF));
        session.send(lastSent);
    }
}
