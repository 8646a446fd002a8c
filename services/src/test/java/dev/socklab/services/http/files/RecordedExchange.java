package dev.socklab.services.http.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.RequestHead;
import dev.socklab.service.Connection;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.http.ResponseStream;
import dev.socklab.testing.EmbeddedConnection;

/**
 * An {@link Exchange} in memory, for testing the route without the service: a request head and
 * a body stream go in; the one response comes out, with the bytes a file response would send read
 * from its channel while the route still holds it open.
 */
final class RecordedExchange implements Exchange {
    private final RequestHead request;
    private final InputStream body;
    private int status;
    private Fields fields;
    private byte[] sent;
    private int responses;

    private RecordedExchange(RequestHead request, InputStream body) {
        this.request = request;
        this.body = body;
    }

    /** A request without a body: {@code method}, {@code target}, then fields as name, value... */
    static RecordedExchange of(String method, String target, String... fields) {
        return with(method, target, new ByteArrayInputStream(new byte[0]), fields);
    }

    /** A request whose body is read from {@code body}. */
    static RecordedExchange with(String method, String target, InputStream body, String... fields) {
        return new RecordedExchange(new RequestHead(method, target, HttpVersion.HTTP_1_1, Fields.of(fields)), body);
    }

    int status() {
        return status;
    }

    Fields fields() {
        return fields;
    }

    String field(String name) {
        return fields.first(name).orElse(null);
    }

    byte[] sent() {
        return sent;
    }

    String text() {
        return new String(sent, StandardCharsets.UTF_8);
    }

    @Override
    public RequestHead request() {
        return request;
    }

    @Override
    public Connection connection() {
        return new EmbeddedConnection();
    }

    @Override
    public byte[] body() throws IOException {
        return body.readAllBytes();
    }

    @Override
    public InputStream bodyStream() {
        return body;
    }

    @Override
    public void respond(int status, Fields fields, byte[] body) {
        record(status, fields, body);
    }

    @Override
    public void respond(int status, Fields fields, FileChannel file, long position, long count) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(count));
        while (bytes.hasRemaining()) {
            if (file.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("the file ended " + bytes.remaining() + " bytes early");
            }
        }
        record(status, fields, bytes.array());
    }

    @Override
    public ResponseStream stream(int status, Fields fields) {
        throw new UnsupportedOperationException("static files never stream");
    }

    @Override
    public ResponseStream stream(int status, Fields fields, long length) {
        throw new UnsupportedOperationException("static files never stream");
    }

    @Override
    public Connection upgrade(Fields fields) {
        throw new UnsupportedOperationException("static files never upgrade");
    }

    private void record(int status, Fields fields, byte[] body) {
        if (++responses > 1) {
            throw new AssertionError("a second response: " + status);
        }
        this.status = status;
        this.fields = fields;
        this.sent = body;
    }
}
