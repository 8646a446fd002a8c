package dev.socklab.bench;

import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A UDP socket, connected to the server so that only its datagrams are read and an ICMP port
 * unreachable shows as an error: send a datagram, wait for its echo or {@code --udp-timeout},
 * send the next. A datagram with no echo in time, or refused by ICMP, is lost. Datagrams of 8
 * bytes or more carry a sequence number, so that an echo arriving after its datagram was counted
 * lost is not taken for the next one's.
 */
final class UdpSlot extends Slot {
    /** Datagrams read per readiness event: stale echoes are skipped, up to this many. */
    private static final int READS_PER_EVENT = 16;

    private final ByteBuffer out;
    private final ByteBuffer in;
    private final boolean numbered;
    private DatagramChannel channel;
    private SelectionKey key;
    private long sequence;
    private long sentAt;

    UdpSlot(Worker worker) {
        super(worker);
        int size = shared.plan.size();
        this.out = ByteBuffer.allocateDirect(size).put(shared.message.duplicate());
        this.in = ByteBuffer.allocateDirect(size);
        this.numbered = size >= Long.BYTES;
    }

    @Override
    void open(long now) {
        try {
            if (channel == null) {
                channel = DatagramChannel.open(shared.family);
                channel.configureBlocking(false);
                if (shared.sources != null) {
                    channel.bind(shared.sources.next());
                }
                channel.connect(shared.plan.target());
                key = channel.register(worker.selector, SelectionKey.OP_READ, this);
            }
            send(now);
        } catch (PortUnreachableException e) {
            refused(now);
        } catch (IOException e) {
            failed(ErrorKind.of(e), now);
        }
    }

    private void send(long now) throws IOException {
        sequence++;
        if (numbered) {
            out.putLong(0, sequence);
        }
        out.clear();
        sentAt = now;
        waitUntil(now + shared.udpTimeoutNanos);
        if (channel.write(out) == 0) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE); // the send buffer is full: rare
        }
    }

    @Override
    void ready(SelectionKey ready, long now) {
        try {
            if (ready.isValid() && ready.isReadable()) {
                receive(now);
            }
            if (ready.isValid() && ready.isWritable() && channel.write(out) > 0) {
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (PortUnreachableException e) {
            refused(now);
        } catch (IOException e) {
            failed(ErrorKind.of(e), now);
        }
    }

    private void receive(long now) throws IOException {
        for (int i = 0; i < READS_PER_EVENT; i++) {
            in.clear();
            int n = channel.read(in);
            if (n <= 0) {
                return;
            }
            if (n == in.capacity() && (!numbered || in.getLong(0) == sequence)) {
                tally.operation(sentAt, now, n);
                succeeded();
                send(now);
                return;
            }
            // Otherwise the late echo of a datagram already counted lost: skip it.
        }
    }

    /** The echo did not come in time. */
    @Override
    void expired(long now) {
        tally.lost(now);
        try {
            send(now);
        } catch (PortUnreachableException e) {
            refused(now);
        } catch (IOException e) {
            failed(ErrorKind.of(e), now);
        }
    }

    /**
     * ICMP said nothing listens: the datagram is lost. The next goes at the next tick rather
     * than at once, so that a dead port costs a datagram a tick per socket, not a busy loop.
     */
    private void refused(long now) {
        tally.lost(now);
        stopWaiting();
        retryAfter(now, 0);
    }

    @Override
    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a socket that already failed: nothing left to release or report.
            }
            channel = null;
            key = null;
        }
    }
}
