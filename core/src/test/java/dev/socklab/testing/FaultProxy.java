package dev.socklab.testing;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A proxy, for tests only, that plays a scripted {@link Fault} on every connection through it: a
 * client connects to {@link #address()}, the proxy connects to the target, and forwards bytes both
 * ways, one of them faulty. It speaks the target's transport: TCP on the target's own loopback
 * address (127.0.0.1 or ::1), or a Unix socket in the target socket's directory. Use in
 * try-with-resources:
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
 *
 * <p>Over a Unix socket, each connection to the target is bound to a path of its own, so that the
 * target can tell them apart as it tells TCP clients by port ({@link #upstream()}); the proxy
 * deletes the socket files it made. A Unix socket has no reset and no Nagle: {@link Fault#RESET}
 * closes (the other end reads an end of stream, or a reset where it left bytes unread), and
 * {@link Fault#SLICE} still sends one byte a write, which a reader may get several at a time.
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
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    /** Numbers the socket files of every proxy of this JVM, which may share a directory. */
    private static final AtomicLong SOCKET_FILES = new AtomicLong();

    private final ServerSocketChannel listener;
    private final SocketAddress target;
    private final Script script;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Set<Pair> open = ConcurrentHashMap.newKeySet();
    private final List<SocketAddress> upstream = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private FaultProxy(ServerSocketChannel listener, SocketAddress target, Script script) {
        this.listener = listener;
        this.target = target;
        this.script = script;
        this.acceptor = Thread.ofVirtual().name("fault-proxy accept").unstarted(this::accept);
    }

    /**
     * Listens where {@code target}'s transport allows (its own address with an ephemeral port, or
     * a new socket file beside it) and forwards each connection to {@code target} under {@code script}.
     */
    public static FaultProxy start(SocketAddress target, Script script) throws IOException {
        Objects.requireNonNull(script);
        SocketAddress local = switch (Objects.requireNonNull(target)) {
            case InetSocketAddress inet -> new InetSocketAddress(inet.getAddress(), 0);
            case UnixDomainSocketAddress unix -> socketFileBeside(unix);
            default -> throw new IllegalArgumentException("not a TCP or Unix socket address: " + target);
        };
        ServerSocketChannel listener = ServerSocketChannel.open(family(target));
        try {
            listener.bind(local, 50);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        FaultProxy proxy = new FaultProxy(listener, target, script);
        proxy.acceptor.start();
        return proxy;
    }

    /** Where clients connect. */
    public SocketAddress address() {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("the fault proxy is closed", e);
        }
    }

    /** The proxy's own address on each connection to the target, in order: the client the target sees. */
    public List<SocketAddress> upstream() {
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
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                slots.release();
                return; // closed
            }
            Pair pair;
            try {
                pair = new Pair(client);
            } catch (IOException e) {
                close(client);
                slots.release();
                continue;
            }
            open.add(pair);
            if (closed) {
                pair.abort(); // close() may have looked at the set before this one joined it
            }
            Thread.ofVirtual().name("fault-proxy " + client).start(pair::run);
        }
    }

    /** Stops accepting, resets every connection still open, and waits for their threads. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        SocketAddress local = listener.getLocalAddress();
        listener.close();
        if (local instanceof UnixDomainSocketAddress unix) {
            Files.deleteIfExists(unix.getPath());
        }
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

    private static StandardProtocolFamily family(SocketAddress address) {
        return switch (address) {
            case InetSocketAddress inet when inet.getAddress().getAddress().length == 16 -> StandardProtocolFamily.INET6;
            case InetSocketAddress inet -> StandardProtocolFamily.INET;
            default -> StandardProtocolFamily.UNIX;
        };
    }

    /** A new socket file in the directory of {@code socket}. */
    private static UnixDomainSocketAddress socketFileBeside(UnixDomainSocketAddress socket) {
        Path dir = socket.getPath().toAbsolutePath().getParent();
        return UnixDomainSocketAddress.of(dir.resolve("fp" + SOCKET_FILES.incrementAndGet() + ".sock"));
    }

    private static void close(NetworkChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing to do: the descriptor is released whatever close reports.
        }
    }

    /** One client's connection and the proxy's connection to the target, forwarded both ways. */
    private final class Pair {
        private final SocketChannel client;
        private final SocketChannel server;
        /** The socket file the connection to the target is bound to, or null over TCP. */
        private final Path boundFile;
        /** Counted down once both sockets are closed: a stalled direction waits for it. */
        private final CountDownLatch ended = new CountDownLatch(1);
        /**
         * The first close decides how the pair ends: a close after N bytes wakes the other direction,
         * whose failing read must not turn the close into a reset under it.
         */
        private final AtomicBoolean closing = new AtomicBoolean();

        Pair(SocketChannel client) throws IOException {
            this.client = client;
            this.server = SocketChannel.open(family(target));
            this.boundFile = target instanceof UnixDomainSocketAddress unix ? socketFileBeside(unix).getPath() : null;
        }

        void run() {
            try {
                if (boundFile != null) {
                    server.bind(UnixDomainSocketAddress.of(boundFile));
                }
                server.connect(target);
                synchronized (upstream) {
                    if (upstream.size() < MAX_UPSTREAM_KEPT) {
                        upstream.add(server.getLocalAddress());
                    }
                }
                boolean toServer = script.direction() == Direction.TO_SERVER;
                SocketChannel sliced = toServer ? server : client;
                if (script.fault() == Fault.SLICE && sliced.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                    sliced.setOption(StandardSocketOptions.TCP_NODELAY, true);
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
                close(false); // a no-op if the pair has ended: here only for a failure before the pumps
                if (boundFile != null) {
                    try {
                        Files.deleteIfExists(boundFile);
                    } catch (IOException e) {
                        // Left in the test's temporary directory, which goes with it.
                    }
                }
                open.remove(this);
                slots.release();
            }
        }

        /** Copies {@code from} to {@code to}, with the fault if {@code faulty}, until EOF (passed on as a half-close) or a failure. */
        private void pump(SocketChannel from, SocketChannel to, boolean faulty) {
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            boolean counts = faulty && (script.fault() == Fault.STALL || script.fault() == Fault.RESET
                    || script.fault() == Fault.CLOSE);
            long forwarded = 0;
            try {
                while (true) {
                    if (counts && forwarded >= script.afterBytes()) {
                        fire();
                        return;
                    }
                    int max = counts ? (int) Math.min(CHUNK, script.afterBytes() - forwarded) : CHUNK;
                    buffer.clear().limit(max);
                    int n = from.read(buffer);
                    if (n < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    buffer.flip();
                    if (faulty && script.fault() == Fault.DELAY) {
                        Thread.sleep(script.delay()); // the fault itself: this chunk is late
                    }
                    if (faulty && script.fault() == Fault.SLICE) {
                        for (int i = 0; i < n; i++) {
                            writeFully(to, buffer.slice(i, 1)); // one send(), so one segment with TCP_NODELAY
                        }
                    } else {
                        writeFully(to, buffer);
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

        private static void writeFully(SocketChannel to, ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                to.write(bytes);
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
            for (SocketChannel socket : List.of(client, server)) {
                if (reset && socket.supportedOptions().contains(StandardSocketOptions.TCP_NODELAY)) {
                    try {
                        socket.setOption(StandardSocketOptions.SO_LINGER, 0);
                    } catch (IOException e) {
                        // Closed already by the other direction: nothing left to reset.
                    }
                }
                FaultProxy.close(socket);
            }
            ended.countDown();
        }
    }
}
