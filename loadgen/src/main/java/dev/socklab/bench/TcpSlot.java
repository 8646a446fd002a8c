package dev.socklab.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection's life, common to every TCP workload: a non-blocking connect with the
 * {@code --timeout} deadline, from the next source address when there is a range; then the
 * workload's exchange ({@link #connected}, {@link #readable}, {@link #writable}). Any I/O failure
 * is counted by kind and the slot reconnects after its back-off.
 */
abstract class TcpSlot extends Slot {
    SocketChannel channel;
    SelectionKey key;
    /** When the connect began: the start of a connect workload's operation. */
    long connectStart;
    private boolean connecting;

    TcpSlot(Worker worker) {
        super(worker);
    }

    @Override
    final void open(long now) {
        try {
            channel = SocketChannel.open(shared.family);
            channel.configureBlocking(false);
            // A message goes out at once, not held back by Nagle until the previous one's echo.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (shared.sources != null) {
                channel.bind(shared.sources.next());
            }
            connectStart = now;
            connecting = true;
            worker.connectStarted();
            waitUntil(now + shared.connectTimeoutNanos);
            if (channel.connect(shared.plan.target())) {
                established(now);
            } else {
                key = channel.register(worker.selector, SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            failed(ErrorKind.of(e), now);
        }
    }

    private void established(long now) throws IOException {
        connecting = false;
        worker.connectEnded();
        stopWaiting();
        succeeded();
        if (key == null) {
            key = channel.register(worker.selector, 0, this);
        }
        connected(now);
    }

    @Override
    final void ready(SelectionKey ready, long now) {
        try {
            if (connecting) {
                if (ready.isValid() && ready.isConnectable() && channel.finishConnect()) {
                    established(now);
                }
                return;
            }
            if (ready.isValid() && ready.isReadable()) {
                readable(now);
            }
            // readable may have closed the channel, and with it this key.
            if (ready.isValid() && ready.isWritable()) {
                writable(now);
            }
        } catch (IOException e) {
            failed(ErrorKind.of(e), now);
        }
    }

    @Override
    final void close() {
        if (connecting) {
            connecting = false;
            worker.connectEnded();
        }
        if (channel != null) {
            try {
                channel.close(); // a registered channel's file is released at the selector's next select
            } catch (IOException e) {
                // Closing a socket that already failed: nothing left to release or report.
            }
            channel = null;
            key = null;
            closed();
        }
    }

    /** Whether the connection is up: connected, and not closed since. */
    final boolean isConnected() {
        return channel != null && !connecting;
    }

    /** The connection is up; {@link #key} is registered with no interest yet. */
    abstract void connected(long now) throws IOException;

    /** The channel has bytes, or the end of stream, to read. */
    void readable(long now) throws IOException {
    }

    /** The channel can take more bytes. */
    void writable(long now) throws IOException {
    }

    /** The connection was just closed, for whatever reason. */
    void closed() {
    }
}
