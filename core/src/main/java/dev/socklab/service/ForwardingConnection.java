package dev.socklab.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;

import dev.socklab.net.PortRange;

/**
 * A {@link Connection} that passes every call to another: the base of a connection that changes
 * only a few of them (an upgraded HTTP connection's reads, a data connection's end).
 */
public abstract class ForwardingConnection implements Connection {
    /** Where every call goes unless a subclass says otherwise. */
    protected final Connection connection;

    protected ForwardingConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public SocketAddress peer() {
        return connection.peer();
    }

    @Override
    public SocketAddress local() {
        return connection.local();
    }

    @Override
    public Optional<SocketAddress> via() {
        return connection.via();
    }

    @Override
    public Optional<TlsSession> tls() {
        return connection.tls();
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return connection.read(dst);
    }

    @Override
    public int read(ByteBuffer dst, Duration wait) throws IOException {
        return connection.read(dst, wait);
    }

    @Override
    public boolean awaitReadable(Duration wait) throws IOException {
        return connection.awaitReadable(wait);
    }

    @Override
    public Optional<String> readUpTo(int maxBytes, Duration quiet) throws IOException {
        return connection.readUpTo(maxBytes, quiet);
    }

    @Override
    public Optional<String> readLine() throws IOException {
        return connection.readLine();
    }

    @Override
    public Optional<String> readLine(int maxBytes) throws IOException {
        return connection.readLine(maxBytes);
    }

    @Override
    public Optional<String> readLine(int maxBytes, Duration pause) throws IOException {
        return connection.readLine(maxBytes, pause);
    }

    @Override
    public Outbox outbox(int maxBytes, Duration maxLag) {
        return connection.outbox(maxBytes, maxLag);
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        connection.write(src);
    }

    @Override
    public void sendFile(ByteBuffer head, FileChannel file, long position, long count) throws IOException {
        connection.sendFile(head, file, position, count);
    }

    @Override
    public void writeLine(String text) throws IOException {
        connection.writeLine(text);
    }

    @Override
    public void shutdownOutput() throws IOException {
        connection.shutdownOutput();
    }

    @Override
    public Logger log() {
        return connection.log();
    }

    @Override
    public boolean tlsAvailable() {
        return connection.tlsAvailable();
    }

    @Override
    public TlsSession startTls() throws IOException {
        return connection.startTls();
    }

    @Override
    public DataListener listenForData(PortRange ports) throws IOException {
        return connection.listenForData(ports);
    }

    @Override
    public DataConnection connectForData(InetSocketAddress target, boolean tls, Duration wait) throws IOException {
        return connection.connectForData(target, tls, wait);
    }
}
