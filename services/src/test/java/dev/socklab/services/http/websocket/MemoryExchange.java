package dev.socklab.services.http.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;

import dev.socklab.http.Fields;
import dev.socklab.http.RequestHead;
import dev.socklab.service.Connection;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.testing.EmbeddedConnection;

/**
 * An {@link Exchange} in memory for a route's protocol alone: the request is given, a response is
 * recorded, and an upgrade hands over an {@link EmbeddedConnection}.
 */
final class MemoryExchange implements Exchange {
    private final RequestHead request;
    private final EmbeddedConnection conn;
    int status;
    Fields fields;
    byte[] body;

    MemoryExchange(RequestHead request, EmbeddedConnection conn) {
        this.request = request;
        this.conn = conn;
    }

    @Override
    public RequestHead request() {
        return request;
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public byte[] body() {
        return new byte[0];
    }

    @Override
    public InputStream bodyStream() {
        return InputStream.nullInputStream();
    }

    @Override
    public void respond(int status, Fields fields, byte[] body) {
        record(status, fields);
        this.body = body;
    }

    @Override
    public void respond(int status, Fields fields, FileChannel file, long position, long count) {
        throw new UnsupportedOperationException("a WebSocket route sends no file");
    }

    @Override
    public ResponseStream stream(int status, Fields fields) {
        throw new UnsupportedOperationException("a WebSocket route streams no body");
    }

    @Override
    public ResponseStream stream(int status, Fields fields, long length) {
        throw new UnsupportedOperationException("a WebSocket route streams no body");
    }

    @Override
    public Connection upgrade(Fields fields) throws IOException {
        record(101, fields);
        return conn;
    }

    private void record(int status, Fields fields) {
        if (this.fields != null) {
            throw new IllegalStateException("answered twice");
        }
        this.status = status;
        this.fields = fields;
    }
}
