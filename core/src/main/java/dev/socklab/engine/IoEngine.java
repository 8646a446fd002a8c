package dev.socklab.engine;

import java.io.IOException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;
import java.util.Optional;

/**
 * How a server's connections wait on their sockets, and which threads run them. Two engines
 * serve the same services the same way, and nothing but the server's start-up and its banner
 * knows which one runs:
 *
 * <ul>
 *   <li>{@code epoll}: a few carrier threads, one per core, each owning an epoll set and the
 *       virtual threads of its sockets ({@link Carrier}); on Linux, with the JDK hooks it needs
 *       ({@link SchedulerHook}, {@link ChannelFd}).</li>
 *   <li>{@code jdk}: blocking channels on the JDK's own virtual-thread scheduler and poller.</li>
 * </ul>
 *
 * When no engine is asked for, epoll runs where it can, and jdk otherwise, with the reason in
 * {@link #description()}.
 */
public sealed interface IoEngine extends AutoCloseable permits EpollEngine, JdkEngine {
    /** The system property that names the engine of a server that was not given one: {@code epoll} or {@code jdk}. */
    String PROPERTY = "socklab.io";

    /** {@code epoll} or {@code jdk}, as {@code --io} takes it. */
    String name();

    /** For the start-up banner: the engine, and its carriers or why it is not epoll. */
    String description();

    /** Takes a newly accepted socket into the engine, which chooses its carrier. */
    StreamSocket adopt(SocketChannel accepted) throws IOException;

    /**
     * A socket outside every engine's carriers, whose calls park on the JDK's own poller: for a
     * socket a connection opens beside its own (an FTP data connection), which its thread, on
     * whichever carrier, uses alone.
     */
    static StreamSocket unadopted(SocketChannel channel) {
        return new JdkSocket(channel);
    }

    /**
     * Takes a bound UDP socket of one exchange's (a TFTP transfer's) into the engine, which
     * chooses its carrier; the exchange's thread starts there ({@link UdpSocket#start}).
     */
    UdpSocket adopt(DatagramChannel bound) throws IOException;

    /** Takes a bound listening socket into the engine, which chooses where its accept loop runs. */
    ListeningSocket listen(ServerSocketChannel bound) throws IOException;

    /** Stops the carriers, once every connection has ended. */
    @Override
    void close();

    /**
     * Starts the engine named {@code requested} with {@code threads} carriers (0: one per core the
     * process may use); with no name, the {@link #PROPERTY}'s, or else epoll where it runs and jdk
     * where it does not.
     *
     * @throws IllegalArgumentException for a name that is neither {@code epoll} nor {@code jdk}, or
     *         for epoll asked for by name where it cannot run (the message says why)
     */
    static IoEngine start(Optional<String> requested, int threads) {
        Optional<String> name = requested.or(() -> Optional.ofNullable(System.getProperty(PROPERTY)))
                .map(IoEngine::checkName);
        if (threads < 0) {
            throw new IllegalArgumentException("the I/O threads cannot be negative: " + threads);
        }
        int carriers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (name.isEmpty()) {
            try {
                return EpollEngine.start(carriers);
            } catch (UnsupportedOperationException e) {
                return new JdkEngine(Optional.of(e.getMessage()));
            }
        }
        if (name.get().equals("jdk")) {
            return new JdkEngine(Optional.empty());
        }
        try {
            return EpollEngine.start(carriers);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("the epoll I/O engine cannot run here: " + e.getMessage()
                    + "; --io jdk runs on the JDK's own scheduler");
        }
    }

    /**
     * {@code name} as an engine's name, in lower case.
     *
     * @throws IllegalArgumentException if it is neither {@code epoll} nor {@code jdk}
     */
    static String checkName(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("epoll") && !lower.equals("jdk")) {
            throw new IllegalArgumentException("unknown I/O engine '" + name + "': epoll or jdk");
        }
        return lower;
    }
}
