package dev.socklab.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import dev.socklab.net.SocketAddresses;
import dev.socklab.trace.Tracer;

/**
 * Opens stream connections the way a careful C client does: one socket per address, a
 * non-blocking connect bounded by a timeout, and the next address when one fails.
 */
final class Connector {
    private final Duration timeout;
    private final Tracer tracer;
    private final String who;

    Connector(Duration timeout, Tracer tracer, String who) {
        this.timeout = Deadline.requirePositive(timeout);
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.who = Objects.requireNonNull(who, "who");
    }

    /**
     * Connects to the first of {@code addresses} that accepts, trying them in order.
     *
     * @param host the host as the user named it, for the error message
     * @throws ConnectException naming every attempt, if none connects
     */
    ClientConnection toFirst(String host, int port, List<InetSocketAddress> addresses) throws IOException {
        StringJoiner attempts = new StringJoiner(", ");
        List<IOException> causes = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            try {
                return attempt(address, TraceText.familyOf(address));
            } catch (AttemptFailed e) {
                attempts.add(SocketAddresses.format(address) + " " + e.failure.reason());
                causes.add(e);
            }
        }
        String tried = addresses.isEmpty() ? "no address to try" : attempts.toString();
        ConnectException error = new ConnectException("cannot connect to " + host + " port " + port + ": " + tried);
        causes.forEach(error::addSuppressed);
        throw error;
    }

    /**
     * Connects to the Unix socket at {@code path}.
     *
     * @throws ConnectException such as {@code cannot connect to unix:/x.sock: no such socket file}
     */
    ClientConnection toUnix(UnixDomainSocketAddress path) throws IOException {
        try {
            return attempt(path, StandardProtocolFamily.UNIX);
        } catch (AttemptFailed e) {
            ConnectException error = new ConnectException(
                    "cannot connect to " + SocketAddresses.format(path) + ": " + e.failure.reason());
            error.initCause(e);
            throw error;
        }
    }

    /** One socket, one connect; the socket is closed again unless the connect succeeds. */
    private ClientConnection attempt(SocketAddress target, ProtocolFamily family) throws IOException {
        SocketChannel channel = SocketChannel.open(family);
        tracer.call(who, TraceText.socket(family, "SOCK_STREAM"));
        Selector selector = null;
        boolean connected = false;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            try {
                connect(channel, key, target);
            } catch (AttemptFailed e) {
                if (tracer.enabled()) {
                    tracer.call(who, "connect(" + SocketAddresses.format(target) + ") = " + e.failure.errno());
                }
                throw e;
            }
            ClientConnection connection = new ClientConnection(channel, key, timeout, tracer, who);
            if (tracer.enabled()) {
                tracer.call(who, "connect(" + SocketAddresses.format(target) + ") = 0");
                tracer.call(who, "getsockname() = " + SocketAddresses.format(connection.local()));
            }
            connected = true;
            return connection;
        } finally {
            if (!connected) {
                // The selector first: a channel still registered with one is only closed at deregistration.
                if (selector != null) {
                    selector.close();
                }
                channel.close();
                tracer.call(who, "close()");
            }
        }
    }

    /** Starts the connect, then waits for it to finish, up to the timeout. */
    private void connect(SocketChannel channel, SelectionKey key, SocketAddress target) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        boolean done;
        try {
            done = channel.connect(target);
        } catch (IOException e) {
            throw new AttemptFailed(ConnectFailure.of(e), e);
        }
        while (!done) {
            if (!deadline.await(key, SelectionKey.OP_CONNECT)) {
                throw new AttemptFailed(ConnectFailure.timedOut(timeout), null);
            }
            try {
                done = channel.finishConnect();
            } catch (IOException e) {
                throw new AttemptFailed(ConnectFailure.of(e), e);
            }
        }
    }

    /** One attempt's failure, caught by the callers above to try the next address or explain. */
    private static final class AttemptFailed extends IOException {
        private final transient ConnectFailure failure;

        AttemptFailed(ConnectFailure failure, IOException cause) {
            super(failure.reason(), cause);
            this.failure = failure;
        }
    }
}
