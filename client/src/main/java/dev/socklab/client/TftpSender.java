package dev.socklab.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;

/**
 * The sending side of a TFTP transfer: a window of DATA out, then an ACK in. An ACK of a block in
 * the window moves the window past it and the next window goes at once (RFC 7440: the receiver
 * acknowledges the last block it took in order); an ACK of anything else, a duplicate above all,
 * sends nothing (RFC 1123 §4.2.3.1). Only a timeout resends, the whole window. A file whose
 * length is a multiple of the block size ends with an empty block.
 */
final class TftpSender {
    private final TftpSession session;
    private final TftpClient.Agreed agreed;
    private final InputStream in;
    private final TransferProgress progress;
    /** The blocks sent and not yet acknowledged, oldest first. */
    private final Deque<ByteBuffer> window = new ArrayDeque<>();
    /** The number of the window's first block, counted from 1 without rolling over. */
    private long base = 1;
    private long acknowledgedBytes;
    private boolean lastRead;

    TftpSender(TftpSession session, TftpClient.Agreed agreed, InputStream in, TransferProgress progress) {
        this.session = session;
        this.agreed = agreed;
        this.in = in;
        this.progress = progress;
    }

    /** Sends to the end; the bytes the server acknowledged. */
    long send() throws IOException {
        fill();
        sendWindow();
        while (!window.isEmpty()) {
            Packet packet = session.next(this::sendWindow);
            if (!(packet instanceof Packet.Ack ack)) {
                session.abort(ErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation");
                throw new ProtocolException("the server sent TFTP opcode " + packet.opcode()
                        + " in the middle of an upload, where ACK was due");
            }
            int offset = (ack.block() - (int) (base & 0xFFFF)) & 0xFFFF;
            if (offset >= window.size()) {
                continue; // a duplicate or a stray: never answered, only the timeout resends
            }
            for (int i = 0; i <= offset; i++) {
                acknowledgedBytes += window.removeFirst().remaining();
            }
            base += offset + 1;
            session.progressed();
            progress.moved(acknowledgedBytes);
            fill();
            sendWindow();
        }
        return acknowledgedBytes;
    }

    /** Reads blocks until the window is full or the last one, shorter than the block size, is in it. */
    private void fill() throws IOException {
        while (window.size() < agreed.windowsize() && !lastRead) {
            byte[] block = in.readNBytes(agreed.blksize());
            lastRead = block.length < agreed.blksize();
            window.addLast(ByteBuffer.wrap(block));
        }
    }

    private void sendWindow() throws IOException {
        long block = base;
        for (ByteBuffer payload : window) {
            session.send(PacketCodec.data(block, payload));
            block++;
        }
    }
}
