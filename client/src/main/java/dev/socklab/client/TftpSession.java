package dev.socklab.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;
import dev.socklab.tftp.ErrorCode;
import dev.socklab.tftp.Packet;
import dev.socklab.tftp.PacketCodec;
import dev.socklab.tftp.TftpException;

/**
 * One TFTP transfer's conversation: the server's transfer ID, learnt from its first answer and
 * held to from then on (a datagram from any other port or host gets ERROR 5 and is otherwise
 * ignored, RFC 1350 §4), and the retransmission on timeout, bounded in count.
 */
final class TftpSession {
    /** Room for the largest DATA: RFC 2348's blksize of 65464, plus its header. */
    static final int MAX_PACKET = 65_468;

    /** What to send again when the wait for the peer runs out. */
    @FunctionalInterface
    interface Resend {
        void resend() throws IOException;
    }

    private final TftpSocket socket;
    private final InetSocketAddress server;
    private final Duration interval;
    private final int retries;
    private final ByteBuffer buffer = ByteBuffer.allocate(MAX_PACKET);
    private SocketAddress peer;
    private int tries;

    TftpSession(TftpSocket socket, InetSocketAddress server, Duration interval, int retries) {
        this.socket = socket;
        this.server = server;
        this.interval = interval;
        this.retries = retries;
    }

    /** Sends to the server's request port, before it has answered, or to its transfer ID after. */
    void send(ByteBuffer packet) throws IOException {
        socket.send(packet, peer != null ? peer : server);
    }

    /** Forgets the transfer ID, for a request made again (without options) after ERROR 8. */
    void restart() {
        peer = null;
        tries = 0;
    }

    /** The transfer moved on: the count of retransmissions starts again. */
    void progressed() {
        tries = 0;
    }

    /**
     * The next packet from the peer, resending with {@code resend} each time {@code interval}
     * passes with nothing.
     *
     * @return the packet, valid until the next call; an ERROR packet is thrown instead
     * @throws SocketTimeoutException after {@code retries} resends with no answer
     * @throws ServerRefusedException for an ERROR packet from the peer
     * @throws ProtocolException for a datagram from the peer that is no TFTP packet
     */
    Packet next(Resend resend) throws IOException {
        while (true) {
            SocketAddress from = socket.receive(buffer, Deadline.after(interval));
            if (from == null) {
                socket.traceTimeout(buffer.capacity(), interval);
                if (++tries > retries) {
                    throw new SocketTimeoutException("no answer from udp " + SocketAddresses.format(peer != null
                            ? peer : server) + " after " + retries + " retransmissions " + Durations.format(interval)
                            + " apart: check that a TFTP server listens there, or raise --timeout");
                }
                resend.resend();
                continue;
            }
            // The first answer from the server's host fixes its transfer ID: any port, that host only.
            if (peer == null && from instanceof InetSocketAddress inet
                    && inet.getAddress().equals(server.getAddress())) {
                peer = from;
            }
            if (!from.equals(peer)) {
                socket.send(PacketCodec.error(ErrorCode.UNKNOWN_TRANSFER_ID, "Unknown transfer ID"), from);
                continue;
            }
            Packet packet;
            try {
                packet = PacketCodec.decode(buffer);
            } catch (TftpException e) {
                abort(ErrorCode.ILLEGAL_OPERATION, "Illegal TFTP operation");
                throw new ProtocolException("the server sent a broken TFTP packet: " + e.getMessage());
            }
            if (packet instanceof Packet.Error error) {
                throw TftpErrors.refused(error);
            }
            return packet;
        }
    }

    /** Tells the peer the transfer is over because of {@code code}, and sends nothing more. */
    void abort(ErrorCode code, String message) throws IOException {
        if (peer != null) {
            socket.send(PacketCodec.error(code, message), peer);
        }
    }
}
