package dev.socklab.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carriers that each own an epoll set and run the virtual threads of their sockets; an accepted
 * socket goes to the next carrier in turn, and stays on it.
 */
final class EpollEngine implements IoEngine {
    /** How long the start-up self-test may take before epoll is judged not to work here. */
    private static final long SELF_TEST_SECONDS = 5;

    private final Carrier[] carriers;
    private final AtomicInteger next = new AtomicInteger();

    private EpollEngine(Carrier[] carriers) {
        this.carriers = carriers;
    }

    /**
     * Starts {@code count} carriers and checks, with a pipe, that a virtual thread parked on one
     * wakes when its descriptor becomes readable.
     *
     * @throws UnsupportedOperationException saying why epoll cannot run here
     */
    static EpollEngine start(int count) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            throw new UnsupportedOperationException("epoll is Linux's, and this is " + System.getProperty("os.name"));
        }
        SchedulerHook.unavailable().ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        ChannelFd.unavailable().ifPresent(why -> {
            throw new UnsupportedOperationException(why);
        });
        List<Carrier> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Carrier carrier = new Carrier("socklab carrier " + i);
                carrier.start();
                started.add(carrier);
            }
            EpollEngine engine = new EpollEngine(started.toArray(Carrier[]::new));
            engine.selfTest();
            return engine;
        } catch (IOException | RuntimeException | LinkageError e) {
            started.forEach(Carrier::stop);
            throw new UnsupportedOperationException(e instanceof UnsupportedOperationException ? e.getMessage()
                    : "the epoll self-test failed: " + e, e);
        }
    }

    /** A virtual thread on the first carrier reads a pipe that is empty until this thread writes it. */
    private void selfTest() throws IOException {
        Pipe pipe = Pipe.open();
        try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
            source.configureBlocking(false);
            Readiness readiness = new Readiness(carriers[0], ChannelFd.of(source));
            CompletableFuture<Integer> read = new CompletableFuture<>();
            carriers[0].newThread("socklab carrier self-test", () -> {
                try {
                    ByteBuffer one = ByteBuffer.allocate(1);
                    int n;
                    while ((n = source.read(one)) == 0) {
                        readiness.awaitReadable(TimeUnit.SECONDS.toNanos(SELF_TEST_SECONDS));
                    }
                    read.complete(n);
                } catch (IOException | RuntimeException e) {
                    read.completeExceptionally(e);
                } finally {
                    readiness.closed();
                }
            }).start();
            sink.write(ByteBuffer.wrap(new byte[] {1}));
            if (read.get(SELF_TEST_SECONDS, TimeUnit.SECONDS) != 1) {
                throw new UnsupportedOperationException("the epoll self-test read nothing");
            }
        } catch (TimeoutException e) {
            throw new UnsupportedOperationException("the epoll self-test got no wake-up in " + SELF_TEST_SECONDS + " s");
        } catch (ExecutionException e) {
            throw new UnsupportedOperationException("the epoll self-test failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnsupportedOperationException("interrupted during the epoll self-test");
        }
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public String description() {
        return "epoll, " + carriers.length + " carrier thread" + (carriers.length == 1 ? "" : "s");
    }

    @Override
    public StreamSocket adopt(SocketChannel accepted) throws IOException {
        return new CarrierSocket(nextCarrier(), accepted);
    }

    @Override
    public UdpSocket adopt(DatagramChannel bound) throws IOException {
        return new CarrierUdpSocket(nextCarrier(), bound);
    }

    @Override
    public ListeningSocket listen(ServerSocketChannel bound) throws IOException {
        return new CarrierListening(nextCarrier(), bound);
    }

    private Carrier nextCarrier() {
        return carriers[Math.floorMod(next.getAndIncrement(), carriers.length)];
    }

    @Override
    public void close() {
        for (Carrier carrier : carriers) {
            carrier.stop();
        }
    }
}
