package dev.socklab.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the JDK's poller, which parks virtual threads on sockets, before the server takes its
 * first client. The JDK opens the poller's epoll descriptor the first time a virtual thread waits
 * on a channel, and if that fails (the process is out of file descriptors at that moment) every
 * later wait in the process fails for good; a server must not leave its first wait to a time when
 * descriptors may have run out.
 */
final class PollerWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.runtime");
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private PollerWarmUp() {
    }

    /** Has a virtual thread wait on an empty pipe, then wakes it: a millisecond or so, once per process. */
    static void run() {
        try {
            Pipe pipe = Pipe.open();
            try (Pipe.SourceChannel source = pipe.source(); Pipe.SinkChannel sink = pipe.sink()) {
                Thread reader = Thread.ofVirtual().name("socklab poller warm-up").start(() -> {
                    try {
                        source.read(ByteBuffer.allocate(1));
                    } catch (IOException e) {
                        LOG.debug("poller warm-up read failed: {}", e.toString());
                    }
                });
                // The byte must come after the reader waits, or it reads without ever waiting.
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (reader.getState() != Thread.State.WAITING && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
                sink.write(ByteBuffer.wrap(new byte[] {1}));
                reader.join(TimeUnit.NANOSECONDS.toMillis(WAIT_NANOS));
            }
        } catch (IOException e) {
            LOG.warn("could not start the JDK's poller ahead of the first client: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
