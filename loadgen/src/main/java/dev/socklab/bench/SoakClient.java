package dev.socklab.bench;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One soak client, in a virtual thread of its own, blocking: it opens a socket, makes a random
 * number of exchanges on it, closes it and opens the next, until the load ends, so that the server
 * sees both long connections and many short ones. Payloads are random in content and size, so
 * that a reply that is short, split wrongly, mixed with another connection's or stale compares unequal.
 *
 * <p>Each exchange (the connect included) is armed with a deadline; the run's coordinator
 * interrupts a client past its deadline, which closes its channel (an interruptible channel's rule)
 * and counts a timeout, or for UDP a lost datagram. A failed socket is opened again after a
 * back-off (10 ms, doubling to 1 s), so that a server that refuses is not hammered.
 */
final class SoakClient implements Runnable {
    /** Echo payloads are 1 to this many bytes: more than one segment on loopback, less than any socket buffer. */
    static final int MAX_PAYLOAD = 4096;
    /** Datagram payloads are 1 to this many bytes: under the minimum IPv4 MTU of a path, so no datagram fragments. */
    static final int MAX_DATAGRAM = 512;
    /** The longest greeting read; a longer one counts as a mismatch. */
    static final int MAX_GREETING = 4096;
    /** Exchanges on one socket before it is closed and another opened: 1 to this many. */
    private static final int MAX_EXCHANGES = 100;
    private static final long FIRST_BACKOFF = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_BACKOFF = TimeUnit.SECONDS.toNanos(1);

    private final SoakPart part;
    private final SocketAddress target;
    private final SoakTally tally;
    private final long timeoutNanos;
    private final long end;
    /** The greeting every connection must get: the first one read, shared by the run's greeting clients. */
    private final AtomicReference<byte[]> greeting;
    private final SplittableRandom random;
    /** When the exchange under way must be over; 0 when none is. Guarded by this. */
    private long deadline;
    /** Whether the coordinator interrupted this exchange. Guarded by this. */
    private boolean interrupted;
    private Thread thread;

    SoakClient(SoakPart part, SocketAddress target, SoakTally tally, long timeoutNanos, long end,
            AtomicReference<byte[]> greeting, long seed) {
        this.part = part;
        this.target = target;
        this.tally = tally;
        this.timeoutNanos = timeoutNanos;
        this.end = end;
        this.greeting = greeting;
        this.random = new SplittableRandom(seed);
    }

    void start(String name) {
        thread = Thread.ofVirtual().name(name).start(this);
    }

    Thread thread() {
        return thread;
    }

    @Override
    public void run() {
        long backoff = 0;
        // Bounded by the run's end; an exchange that hangs is interrupted at its deadline.
        while (System.nanoTime() - end < 0) {
            try {
                switch (part) {
                    case TCP_ECHO, UNIX_ECHO -> echoStream();
                    case UDP_ECHO -> echoDatagrams();
                    case GREETING -> greet();
                }
                backoff = 0;
                continue;
            } catch (ClosedByInterruptException e) {
                disarm();
                if (part == SoakPart.UDP_ECHO) {
                    tally.countLost();
                } else {
                    tally.error(ErrorKind.TIMEOUT);
                }
            } catch (IOException e) {
                disarm();
                tally.error(ErrorKind.of(e));
            } catch (Mismatch e) {
                tally.error(ErrorKind.MISMATCH); // the socket is out of step now: a fresh one
            }
            backoff = backoff == 0 ? FIRST_BACKOFF : Math.min(2 * backoff, MAX_BACKOFF);
            if (!pause(backoff)) {
                return;
            }
        }
    }

    /** Round trips of random payloads on one connection. */
    private void echoStream() throws IOException {
        arm();
        try (SocketChannel channel = SocketChannel.open(target)) {
            disarm();
            for (int n = random.nextInt(1, MAX_EXCHANGES + 1); n > 0 && System.nanoTime() - end < 0; n--) {
                byte[] sent = payload(MAX_PAYLOAD);
                ByteBuffer echo = ByteBuffer.allocate(sent.length);
                arm();
                channel.write(ByteBuffer.wrap(sent)); // blocking: writes it all
                while (echo.hasRemaining()) {
                    if (channel.read(echo) < 0) {
                        disarm();
                        tally.error(ErrorKind.CLOSED);
                        return;
                    }
                }
                disarm();
                check(sent, echo.array());
            }
        }
    }

    /** Random datagrams on one connected socket, each waiting for its echo. */
    private void echoDatagrams() throws IOException {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(target);
            ByteBuffer echo = ByteBuffer.allocate(MAX_DATAGRAM + 1);
            for (int n = random.nextInt(1, MAX_EXCHANGES + 1); n > 0 && System.nanoTime() - end < 0; n--) {
                byte[] sent = payload(MAX_DATAGRAM);
                echo.clear();
                arm();
                channel.write(ByteBuffer.wrap(sent));
                channel.read(echo);
                disarm();
                check(sent, Arrays.copyOf(echo.array(), echo.position()));
            }
        }
    }

    /** One connection: its greeting, to the end of stream, compared with the first greeting of the run. */
    private void greet() throws IOException {
        ByteBuffer got = ByteBuffer.allocate(MAX_GREETING + 1);
        arm();
        try (SocketChannel channel = SocketChannel.open(target)) {
            // Bounded: each read fills the buffer further, and a full buffer ends the loop.
            while (got.hasRemaining() && channel.read(got) >= 0) {
                // reading to the end of stream
            }
        }
        disarm();
        if (!got.hasRemaining()) {
            throw new Mismatch();
        }
        byte[] text = Arrays.copyOf(got.array(), got.position());
        byte[] first = greeting.compareAndExchange(null, text);
        check(first == null ? text : first, text);
    }

    private byte[] payload(int max) {
        byte[] bytes = new byte[random.nextInt(1, max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private void check(byte[] expected, byte[] got) {
        if (!Arrays.equals(expected, got)) {
            throw new Mismatch();
        }
        tally.operation(part);
    }

    private synchronized void arm() {
        deadline = System.nanoTime() + timeoutNanos;
        if (deadline == 0) {
            deadline = 1; // 0 means unarmed
        }
    }

    /** Ends the exchange's deadline, and clears an interrupt that came after its I/O, which would close the next channel. */
    private synchronized void disarm() {
        deadline = 0;
        if (interrupted) {
            interrupted = false;
            Thread.interrupted();
        }
    }

    /** The coordinator's check: interrupts the exchange under way if it is past its deadline. */
    synchronized void interruptIfOverdue(long now) {
        if (deadline != 0 && now - deadline >= 0 && !interrupted) {
            interrupted = true;
            thread.interrupt();
        }
    }

    /** Waits out a back-off, never past the run's end; false once the run is over or interrupted. */
    private boolean pause(long nanos) {
        long left = end - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, left)); // a back-off, not a synchronisation
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** A reply that differs from what it should be: counted, and the socket dropped. */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch() {
            super(null, null, false, false);
        }
    }
}
