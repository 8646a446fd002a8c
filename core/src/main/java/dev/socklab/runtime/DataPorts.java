package dev.socklab.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;

import dev.socklab.engine.IoEngine;
import dev.socklab.engine.StreamSocket;
import dev.socklab.net.Cidr;
import dev.socklab.net.PortRange;
import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DataConnection;
import dev.socklab.service.DataListener;
import dev.socklab.tls.TlsSocket;

/**
 * The data connections of one control connection (FTP's): at most one listener and one data
 * connection at a time, a new one closing the one before, as a new {@code PASV} replaces the last;
 * every one with the control connection's host only, and all of them closed with it.
 */
final class DataPorts {
    private final ServerContext context;
    private final String tag;
    private final Limits limits;
    private final Logger log;
    private final InetSocketAddress peer;
    private final InetSocketAddress local;
    private ServerDataListener listener;
    private ServerDataConnection connection;
    private int opened;

    /** The control connection's listener's counts: a data connection's bytes and refusals are its service's. */
    private final ListenerCounts counts;

    /**
     * @param limits the control connection's, whose idle and write timeouts each data connection is held to
     */
    DataPorts(ServerContext context, String tag, Limits limits, Logger log, InetSocketAddress peer,
              InetSocketAddress local, ListenerCounts counts) {
        this.context = context;
        this.counts = counts;
        this.tag = tag;
        this.limits = limits.withFirstRequestTimeout(Duration.ZERO);
        this.log = log;
        this.peer = peer;
        this.local = local;
    }

    synchronized DataListener listen(PortRange ports) throws IOException {
        closeListener();
        // The control connection's own family: an IPv4 client's data socket is an IPv4 socket, not a dual-stack one.
        ServerSocketChannel channel = ServerSocketChannel.open(SocketNames.family(local));
        try {
            // One connection is expected: a backlog of one holds no queue for anyone else's.
            PortBinding.bind(local.getAddress(), ports, address -> channel.bind(address, 1));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        String listenerTag = nextTag();
        context.tracer.call(listenerTag, "listen(" + SocketAddresses.format(channel.getLocalAddress()) + ")");
        listener = new ServerDataListener(this, channel, listenerTag);
        return listener;
    }

    DataConnection connect(InetSocketAddress target, boolean tls, Duration wait) throws IOException {
        if (target.getAddress() == null || !sameHost(target.getAddress())) {
            throw new ConnectException("refused to connect to " + SocketAddresses.format(target)
                    + ": a data connection goes to the client's own address only (no FTP bounce, RFC 2577)");
        }
        SocketChannel channel = SocketChannel.open(SocketNames.family(local));
        try {
            channel.bind(new InetSocketAddress(local.getAddress(), 0));
            String connectTag = nextTag();
            context.tracer.call(connectTag, "connect(" + SocketAddresses.format(target) + ")");
            channel.socket().connect(target, (int) Math.max(1, Math.min(Integer.MAX_VALUE, wait.toMillis())));
            return adopt(channel, connectTag, tls);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether {@code address} is the control connection's client's. */
    boolean sameHost(InetAddress address) {
        return Cidr.unmapped(address).equals(Cidr.unmapped(peer.getAddress()));
    }

    /**
     * A connected data socket, its TLS handshake done if asked for, held to the control connection's
     * timeouts; it replaces the data connection before it. The handshake runs outside this object's
     * lock: it waits on the client.
     */
    ServerDataConnection adopt(SocketChannel channel, String dataTag, boolean tls) throws IOException {
        TlsSocket secured;
        ChannelConnection data;
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            StreamSocket socket = IoEngine.unadopted(channel);
            secured = tls ? new TlsSocket(socket, context.tls.orElseThrow(() -> new SSLException("TLS was asked for a"
                    + " data connection, but the server has no certificate")).newEngine(List.of()), ByteBuffer.allocate(0))
                    : null;
            data = new ChannelConnection(secured != null ? secured : socket, dataTag, channel.getRemoteAddress(),
                    channel.getLocalAddress(), limits, context.tracer, log, context.watchdog, reason -> Optional.empty(),
                    counts);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        data.deadlines().serviceStarted();
        context.watchdog.watch(data.deadlines());
        ServerDataConnection made = new ServerDataConnection(this, data, dataTag, secured);
        synchronized (this) {
            closeConnection();
            connection = made;
        }
        if (secured != null) {
            data.deadlines().readStarted();
            try {
                context.tracer.call(dataTag, "TLS handshake: " + secured.handshake());
            } catch (IOException e) {
                made.abort();
                throw e;
            } finally {
                data.deadlines().readEnded();
            }
        }
        return made;
    }

    /** Logs a data connection's end, as every connection's. */
    void closed(ServerDataConnection ended, String line) {
        synchronized (this) {
            if (connection == ended) {
                connection = null;
            }
        }
        context.watchdog.unwatch(ended.deadlines());
        context.tracer.call(ended.tag(), "close()");
        if (context.connectionLog.admit()) {
            context.connectionLog.write(line);
        }
    }

    synchronized void listenerClosed(ServerDataListener ended) {
        if (listener == ended) {
            listener = null;
        }
    }

    /** A data connection refused for coming from another host than the client's ("port theft"). */
    void refusedStranger(SocketAddress from, String listenerTag) {
        counts.refusals.deniedConnection();
        log.warn("{}: refused a data connection from {}: only the client's own address {} may connect", listenerTag,
                SocketAddresses.format(from), peer.getAddress().getHostAddress());
    }

    /** Closes the listener and resets the data connection, if any: the control connection has ended. */
    void closeAll() {
        closeListener();
        ServerDataConnection open;
        synchronized (this) {
            open = connection;
        }
        if (open != null) {
            open.abort();
        }
    }

    private synchronized void closeListener() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    private void closeConnection() {
        if (connection != null) {
            connection.abort();
            connection = null;
        }
    }

    private synchronized String nextTag() {
        return tag + ".data" + (++opened);
    }
}
