package dev.socklab.runtime;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;

import dev.socklab.net.SocketAddresses;
import dev.socklab.service.DataConnection;
import dev.socklab.service.Outbox;
import dev.socklab.service.TlsSession;
import dev.socklab.text.Durations;
import dev.socklab.tls.TlsSocket;

/** A data connection: a {@link ChannelConnection} of its own, which the service closes, and which ends with its control connection. */
final class ServerDataConnection implements DataConnection {
    private final DataPorts ports;
    private final ChannelConnection data;
    private final String tag;
    /** The TLS layer, if the data connection speaks TLS; null if not. */
    private final TlsSocket tls;
    private final long started = System.nanoTime();
    private boolean closed;

    ServerDataConnection(DataPorts ports, ChannelConnection data, String tag, TlsSocket tls) {
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
    public SocketAddress peer() {
        return data.peer();
    }

    @Override
    public SocketAddress local() {
        return data.local();
    }

    @Override
    public Optional<TlsSession> tls() {
        return tls == null ? Optional.empty() : Optional.ofNullable(tls.session());
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return data.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return data.read(dst, wait);
    }

    @Override
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        return data.readUpTo(maxBytes, quiet);
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return data.readLine();
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        return data.readLine(maxBytes);
    }

    @Override
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return data.readLine(maxBytes, pause);
    }

    @Override
    public Outbox outbox(int maxBytes, Duration maxLag) {
        return data.outbox(maxBytes, maxLag);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        data.write(src);
    }

    @Override
    public void sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        data.sendFile(head, file, position, count);
    }

    @Override
    public void writeLine(String text) throws IOException {
        data.writeLine(text);
    }

    @Override
    public void shutdownOutput() throws IOException {
        data.shutdownOutput();
    }

    @Override
    public Logger log() {
        return data.log();
    }

    @Override
    public void abort() {
        if (end()) {
            data.abortChannel();
            logEnd("reset");
        }
    }

    /** close_notify over TLS (within the write timeout), then FIN. */
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
