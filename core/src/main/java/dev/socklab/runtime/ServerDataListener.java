package dev.socklab.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import dev.socklab.service.DataConnection;
import dev.socklab.service.DataListener;
import dev.socklab.text.Durations;

/** A passive data port: accepts the client's data connection, and closes at once any from another host. */
final class ServerDataListener implements DataListener {
    private final DataPorts ports;
    private final ServerSocketChannel channel;
    private final String tag;
    private final SocketAddress local;

    ServerDataListener(DataPorts ports, ServerSocketChannel channel, String tag) throws IOException {
        this.ports = ports;
        this.channel = channel;
        this.tag = tag;
        this.local = channel.getLocalAddress();
    }

    @Override
    public SocketAddress local() {
        return local;
    }

    @Override
    public DataConnection accept(Duration wait, boolean tls) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no data connection came within " + Durations.format(wait));
            }
            // The adaptor's accept is the channel's, with a timeout; a timeout of 0 would mean none.
            channel.socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            Socket accepted = channel.socket().accept();
            SocketChannel data = accepted.getChannel();
            InetSocketAddress from = (InetSocketAddress) data.getRemoteAddress();
            if (!ports.sameHost(from.getAddress())) {
                ports.refusedStranger(from, tag);
                data.close();
                continue;
            }
            try {
                return ports.adopt(data, tag, tls);
            } finally {
                // One connection per passive port: the port closes once it is taken.
                close();
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a listening socket fails only if it is gone already.
        }
        ports.listenerClosed(this);
    }
}
