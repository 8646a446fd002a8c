package dev.socklab.runtime;

import java.io.IOException;
import java.util.Optional;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DataConnection;
import dev.socklab.service.ForwardingConnection;
import dev.socklab.service.TlsSession;
import dev.socklab.text.Durations;
import dev.socklab.tls.TlsSocket;

/** A data connection: a {@link ChannelConnection} of its own, which the service closes, and which ends with its control connection. */
final class ServerDataConnection extends ForwardingConnection implements DataConnection {
    private final DataPorts ports;
    private final ChannelConnection data;
    private final String tag;
    /** The TLS layer, if the data connection speaks TLS; null if not. */
    private final TlsSocket tls;
    private final long started = System.nanoTime();
    private boolean closed;

    ServerDataConnection(DataPorts ports, ChannelConnection data, String tag, TlsSocket tls) {
        super(data);
        this.ports = ports;
        this.data = data;
        this.tag = tag;
        this.tls = tls;
    }

    String tag() {
        return tag;
    }

    Deadlines deadlines() {
        return data.deadlines();
    }

    @Override
    public Optional<TlsSession> tls() {
        return tls == null ? Optional.empty() : Optional.ofNullable(tls.session());
    }

    @Override
    public void abort() {
        if (end()) {
            data.abortChannel();
            logEnd("reset");
        }
    }

    /** What the service queued, then close_notify over TLS (within the write timeout), then FIN. */
    @Override
    public void close() throws IOException {
        if (!end()) {
            return;
        }
        try {
            data.finishOutbox();
            if (tls != null && tls.session() != null) {
                data.deadlines().writeStarted();
                try {
                    tls.closeOutbound();
                } finally {
                    data.deadlines().writeEnded();
                }
            }
        } finally {
            data.closeChannel();
            logEnd(data.sawEof() ? "closed by client" : "closed by server");
        }
    }

    private synchronized boolean end() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    private void logEnd(String outcome) {
        ports.closed(this, tag + " " + (tls != null ? "tls" : "tcp") + " " + SocketAddresses.format(data.peer())
                + " -> " + SocketAddresses.format(data.local()) + " " + outcome + " (in " + data.bytesIn() + " B, out "
                + data.bytesOut() + " B, " + Durations.elapsed(System.nanoTime() - started) + ")");
    }
}
