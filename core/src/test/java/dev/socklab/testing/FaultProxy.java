package dev.socklab.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy on 127.0.0.1, for tests only, that plays a scripted {@link Fault} on every
 * connection through it: a client connects to {@link #address()}, the proxy connects to the
 * target, and forwards bytes both ways, one of them faulty. Use in try-with-resources:
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(server, new FaultProxy.Script(Fault.RESET, Direction.TO_CLIENT, 3, Duration.ZERO))) {
 *     ... connect to proxy.address() ...
 * }
 * }</pre>
 *
 * <p>An end that fails one way (a reset, a closed socket) is passed on as a reset both ways. One
 * virtual thread accepts, one per direction of each connection forwards; at most
 * {@value #MAX_CONNECTIONS} connections at once, the next waiting to be accepted. Closing the
 * proxy resets every connection still open and waits for its threads.
 */
public final class FaultProxy implements Closeable {
    /** Which way the fault applies. */
    public enum Direction {
        /** From the client to the target. */
        TO_SERVER,
        /** From the target back to the client. */
        TO_CLIENT
    }

    /**
     * One fault, the way it applies, and its measure.
     *
     * @param fault what the proxy does
     * @param direction to which way of each connection
     * @param afterBytes for {@link Fault#STALL}, {@link Fault#RESET} and {@link Fault#CLOSE}: how
     *     many bytes go through first
     * @param delay for {@link Fault#DELAY}: how long each chunk waits
     */
    public record Script(Fault fault, Direction direction, long afterBytes, Duration delay) {
        public Script {
            Objects.requireNonNull(fault);
            Objects.requireNonNull(direction);
            if (afterBytes < 0 || delay.isNegative()) {
                throw new IllegalArgumentException("a fault's bytes and delay cannot be negative");
            }
        }

        @Override
        public String toString() {
            String way = direction == Direction.TO_SERVER ? "to server" : "to client";
            return switch (fault) {
                case DELAY -> "delay " + delay.toMillis() + " ms " + way;
                case SLICE -> "slice " + way;
                default -> fault.name().toLowerCase() + " after " + afterBytes + " B " + way;
            };
        }
    }

    private static final int MAX_CONNECTIONS = 16;
    /** Addresses kept for {@link #upstream()}: a test makes a few connections. */
    private static final int MAX_UPSTREAM_KEPT = 1000;
    private static final int CHUNK = 8192;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Script script;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Pair> open = ConcurrentHashMap.newKeySet();
    private final List<InetSocketAddress> upstream = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress target, Script script) {
        this.listener = listener;
        this.target = target;
        this.script = script;
        this.acceptor = Thread.ofVirtual().name("fault-proxy accept").unstarted(this::accept);
    }

    /** Listens on 127.0.0.1, an ephemeral port, and forwards each connection to {@code target} under {@code script}. */
    public static FaultProxy start(InetSocketAddress target, Script script) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(listener, Objects.requireNonNull(target), Objects.requireNonNull(script));
        proxy.acceptor.start();
        return proxy;
    }

    /** Where clients connect. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** The proxy's own address on each connection to the target, in order: the client the target sees. */
    public List<InetSocketAddress> upstream() {
        synchronized (upstream) {
            return List.copyOf(upstream);
        }
    }

    private void accept() {
        while (!closed) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                slots.release();
                return; // closed
            }
            Pair pair = new Pair(client);
            open.add(pair);
            if (closed) {
                pair.abort(); // close() may have looked at the set before this one joined it
            }
            Thread.ofVirtual().name("fault-proxy " + client.getRemoteSocketAddress()).start(pair::run);
        }
    }

    /** Stops accepting, resets every connection still open, and waits for their threads. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        listener.close();
        open.forEach(Pair::abort);
        try {
            acceptor.join(CLOSE_WAIT);
            if (!slots.tryAcquire(MAX_CONNECTIONS, CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("the fault proxy's connections did not end within " + CLOSE_WAIT.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the fault proxy", e);
        }
    }

    /** One client's connection and the proxy's connection to the target, forwarded both ways. */
    private final class Pair {
        private final Socket client;
        private final Socket server = new Socket();
        /** Counted down once both sockets are closed: a stalled direction waits for it. */
        private final CountDownLatch ended = new CountDownLatch(1);
        /**
         * The first close decides how the pair ends: a close after N bytes wakes the other direction,
         * whose failing read must not turn the close into a reset under it.
         */
        private final AtomicBoolean closing = new AtomicBoolean();

        Pair(Socket client) {
            this.client = client;
        }

        void run() {
            try {
                server.connect(target, CONNECT_TIMEOUT_MILLIS);
                synchronized (upstream) {
                    if (upstream.size() < MAX_UPSTREAM_KEPT) {
                        upstream.add((InetSocketAddress) server.getLocalSocketAddress());
                    }
                }
                boolean toServer = script.direction() == Direction.TO_SERVER;
                if (script.fault() == Fault.SLICE) {
                    (toServer ? server : client).setTcpNoDelay(true);
                }
                Thread up = Thread.ofVirtual().start(() -> pump(client, server, toServer));
                Thread down = Thread.ofVirtual().start(() -> pump(server, client, !toServer));
                up.join();
                down.join();
                close(false);
            } catch (IOException e) {
                abort();
            } catch (InterruptedException e) {
                abort();
                Thread.currentThread().interrupt();
            } finally {
                open.remove(this);
                slots.release();
            }
        }

        /** Copies {@code from} to {@code to}, with the fault if {@code faulty}, until EOF (passed on as a half-close) or a failure. */
        private void pump(Socket from, Socket to, boolean faulty) {
            byte[] buffer = new byte[CHUNK];
            boolean counts = faulty && (script.fault() == Fault.STALL || script.fault() == Fault.RESET
                    || script.fault() == Fault.CLOSE);
            long forwarded = 0;
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                while (true) {
                    if (counts && forwarded >= script.afterBytes()) {
                        fire();
                        return;
                    }
                    int max = counts ? (int) Math.min(CHUNK, script.afterBytes() - forwarded) : CHUNK;
                    int n = in.read(buffer, 0, max);
                    if (n < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    if (faulty && script.fault() == Fault.DELAY) {
                        Thread.sleep(script.delay()); // the fault itself: this chunk is late
                    }
                    if (faulty && script.fault() == Fault.SLICE) {
                        for (int i = 0; i < n; i++) {
                            out.write(buffer[i]); // one send(), so one segment with TCP_NODELAY
                        }
                    } else {
                        out.write(buffer, 0, n);
                    }
                    forwarded += n;
                }
            } catch (IOException e) {
                abort();
            } catch (InterruptedException e) {
                abort();
                Thread.currentThread().interrupt();
            }
        }

        /** The fault that comes after N bytes. */
        private void fire() throws InterruptedException {
            switch (script.fault()) {
                case STALL -> ended.await(); // until the proxy closes, or the other way fails
                case RESET -> abort();
                case CLOSE -> close(false);
                default -> throw new IllegalStateException("not a fault after N bytes: " + script.fault());
            }
        }

        void abort() {
            close(true);
        }

        private void close(boolean reset) {
            if (!closing.compareAndSet(false, true)) {
                return;
            }
            for (Socket socket : List.of(client, server)) {
                try {
                    if (reset) {
                        socket.setSoLinger(true, 0);
                    }
                } catch (IOException e) {
                    // Closed already by the other direction: nothing left to reset.
                }
                try {
                    socket.close();
                } catch (IOException e) {
                    // Nothing to do: the descriptor is released whatever close reports.
                }
            }
            ended.countDown();
        }
    }
}
