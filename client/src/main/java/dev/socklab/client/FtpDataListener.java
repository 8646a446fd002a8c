package dev.socklab.client;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import dev.socklab.net.SocketAddresses;
import dev.socklab.text.Durations;
import dev.socklab.trace.Tracer;

/**
 * The port an FTP client listens on in active mode, for the one data connection the server opens
 * to it after {@code PORT} or {@code EPRT}: bound to the control connection's own local address on
 * an ephemeral port, backlog 1. Only the server's address is accepted: a connection from any other
 * is closed unread and the wait goes on, as it may be a third party's attempt to take the transfer
 * (port theft, RFC 2577).
 */
final class FtpDataListener implements Closeable {
    private final ServerSocketChannel channel;
    private final SelectionKey key;
    private final InetSocketAddress address;
    private final Duration timeout;
    private final Tracer tracer;
    private final String who;

    private FtpDataListener(ServerSocketChannel channel, SelectionKey key, Duration timeout, Tracer tracer,
            String who) throws IOException {
        this.channel = channel;
        this.key = key;
        this.address = (InetSocketAddress) channel.getLocalAddress();
        this.timeout = timeout;
        this.tracer = tracer;
        this.who = who;
    }

    /**
     * Listens on an ephemeral port of {@code local}.
     *
     * @param local the control connection's local address, where the server can reach this client
     * @param timeout how long {@link #accept} waits for the server, and how long the data
     *     connection's writes may wait
     */
    static FtpDataListener open(InetAddress local, Duration timeout, Tracer tracer, String who) throws IOException {
        InetSocketAddress any = new InetSocketAddress(local, 0);
        ServerSocketChannel channel = ServerSocketChannel.open(TraceText.familyOf(any));
        tracer.call(who, TraceText.socket(TraceText.familyOf(any), "SOCK_STREAM"));
        Selector selector = null;
        try {
            channel.bind(any, 1);
            channel.configureBlocking(false);
            selector = Selector.open();
            FtpDataListener listener = new FtpDataListener(channel, channel.register(selector, SelectionKey.OP_ACCEPT),
                    timeout, tracer, who);
            if (tracer.enabled()) {
                tracer.call(who, "bind(" + SocketAddresses.format(listener.address) + ")");
                tracer.call(who, "listen(backlog=1)");
            }
            return listener;
        } catch (IOException | RuntimeException e) {
            // The selector first: a channel still registered with one is only closed at deregistration.
            if (selector != null) {
                selector.close();
            }
            channel.close();
            tracer.call(who, "close()");
            throw e;
        }
    }

    /** Where the server is to connect: the address {@code PORT} or {@code EPRT} names. */
    InetSocketAddress address() {
        return address;
    }

    /**
     * The server's data connection, once it comes from {@code server}.
     *
     * @throws SocketTimeoutException if none comes from there within the timeout
     */
    ClientConnection accept(InetAddress server) throws IOException {
        Deadline deadline = Deadline.after(timeout);
        while (true) {
            SocketChannel accepted = channel.accept();
            if (accepted == null) {
                if (!deadline.await(key, SelectionKey.OP_ACCEPT)) {
                    if (tracer.enabled()) {
                        tracer.call(who, TraceText.timedOut("accept()", timeout));
                    }
                    throw new SocketTimeoutException("the server did not connect to " + SocketAddresses.format(address)
                            + " within " + Durations.format(timeout) + ": a firewall or NAT between may block active"
                            + " mode: try passive mode (without --active)");
                }
                continue;
            }
            InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
            if (!peer.getAddress().equals(server)) {
                accepted.close();
                tracer.call(who, "accept() = " + SocketAddresses.format(peer) + ", not the server's address: close()");
                continue;
            }
            tracer.call(who, "accept() = " + SocketAddresses.format(peer));
            return adopt(accepted);
        }
    }

    /** Stops listening; closing again does nothing. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            key.selector().close();
        } finally {
            channel.close();
            tracer.call(who, "close()");
        }
    }

    /** {@code accepted} as a connection like any this client opens, or closed again if it cannot be one. */
    private ClientConnection adopt(SocketChannel accepted) throws IOException {
        Selector selector = null;
        try {
            accepted.configureBlocking(false);
            selector = Selector.open();
            return new ClientConnection(accepted, accepted.register(selector, 0), timeout, tracer, who);
        } catch (IOException | RuntimeException e) {
            if (selector != null) {
                selector.close();
            }
            accepted.close();
            throw e;
        }
    }
}
