package dev.socklab.services.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

import dev.socklab.http.BadBodyException;
import dev.socklab.http.BodyFraming;
import dev.socklab.http.Field;
import dev.socklab.http.Fields;
import dev.socklab.http.HttpDate;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.HttpVersion;
import dev.socklab.http.RequestHead;
import dev.socklab.http.Status;
import dev.socklab.service.Connection;

/**
 * One request and its response on a connection: the {@link Exchange} a route is given. It writes
 * the response's head (status line, {@code Date}, {@code Server}, framing, {@code Connection},
 * then the route's fields), sends {@code 100 Continue} when the route first reads a body the
 * client is waiting to send, and afterwards says whether the connection can carry another request.
 */
final class HttpExchange implements Exchange {
    /** A body up to this size goes out in the same {@code send} as its head. */
    private static final int COALESCE_BYTES = 16 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final RequestHead request;
    private final Connection connection;
    private final HttpInput input;
    private final BodyFraming framing;
    private final long maxBody;
    private final String server;
    /** The client sent {@code Expect: 100-continue} and waits for it before its body. */
    private final boolean expectsContinue;
    /** Whether the connection closes after this response. */
    private boolean close;
    private boolean continued;
    private InputStream body;
    private boolean bodyRead;
    private int status;
    private boolean upgraded;

    HttpExchange(RequestHead request, Connection connection, HttpInput input, BodyFraming framing, long maxBody,
            String server, boolean close) {
        this.request = request;
        this.connection = connection;
        this.input = input;
        this.framing = framing;
        this.maxBody = maxBody;
        this.server = server;
        this.close = close || !request.keepAlive();
        this.expectsContinue = request.version() == HttpVersion.HTTP_1_1 && !(framing instanceof BodyFraming.None)
                && request.fields().hasToken("Expect", "100-continue");
    }

    /** An exchange for a request whose head could not be read: answered as HTTP/1.1, and then the connection closes. */
    static HttpExchange forUnreadRequest(Connection connection, HttpInput input, String server) {
        RequestHead unknown = new RequestHead("GET", "/", HttpVersion.HTTP_1_1, Fields.none());
        return new HttpExchange(unknown, connection, input, new BodyFraming.None(), 0, server, true);
    }

    @Override
    public RequestHead request() {
        return request;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public byte[] body() throws IOException, HttpException {
        try {
            return bodyStream().readAllBytes();
        } catch (BadBodyException e) {
            throw e.httpException();
        }
    }

    @Override
    public InputStream bodyStream() throws IOException {
        if (body == null) {
            if (expectsContinue && status == 0) {
                connection.write(CONTINUE);
                continued = true;
            }
            body = new FilterInputStream(input.body(framing, maxBody)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n;
                    try {
                        n = super.read(b, off, len);
                    } catch (IOException e) {
                        // Past the limit, malformed or cut: where the next request would begin is unknown.
                        close = true;
                        throw e;
                    }
                    if (n < 0) {
                        bodyRead = true;
                    }
                    return n;
                }

                @Override
                public void close() {
                    // The connection's input: it stays open for the next request.
                }
            };
        }
        return body;
    }

    @Override
    public void respond(int status, Fields fields, byte[] content) throws IOException {
        byte[] head = head(status, fields, content.length);
        if (headOnly() || !hasBody(status)) {
            connection.write(head);
        } else if (content.length <= COALESCE_BYTES) {
            connection.write(ByteBuffer.allocate(head.length + content.length).put(head).put(content).flip());
        } else {
            connection.write(head);
            connection.write(content);
        }
    }

    @Override
    public void respond(int status, Fields fields, FileChannel file, long position, long count) throws IOException {
        byte[] head = head(status, fields, count);
        if (headOnly() || !hasBody(status)) {
            connection.write(head);
        } else {
            connection.sendFile(ByteBuffer.wrap(head), file, position, count);
        }
    }

    @Override
    public ResponseStream stream(int status, Fields fields) throws IOException {
        boolean chunked = request.version() == HttpVersion.HTTP_1_1;
        if (!chunked) {
            close = true;
        }
        connection.write(head(status, fields, chunked ? -1 : -2));
        boolean send = !headOnly() && hasBody(status);
        return new ResponseStream() {
            @Override
            public void write(byte[] bytes) throws IOException {
                if (!send || bytes.length == 0) {
                    return;
                }
                if (!chunked) {
                    connection.write(bytes);
                    return;
                }
                byte[] size = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                connection.write(ByteBuffer.allocate(size.length + bytes.length + 2).put(size).put(bytes)
                        .put((byte) '\r').put((byte) '\n').flip());
            }

            @Override
            public void close() throws IOException {
                if (send && chunked) {
                    connection.write(LAST_CHUNK);
                }
            }
        };
    }

    @Override
    public ResponseStream stream(int status, Fields fields, long length) throws IOException {
        boolean send = !headOnly() && hasBody(status);
        byte[] head = head(status, fields, length);
        if (!send || length == 0) {
            connection.write(head);
        }
        return new ResponseStream() {
            private long left = length;
            /** The head, until it goes out with the first bytes of the body: one send, not two. */
            private byte[] unsent = send && length > 0 ? head : null;

            @Override
            public void write(byte[] bytes) throws IOException {
                if (bytes.length > left) {
                    throw new IllegalStateException("more than the " + length + " bytes the response said");
                }
                left -= bytes.length;
                if (!send || bytes.length == 0) {
                    return;
                }
                if (unsent != null && unsent.length + bytes.length <= COALESCE_BYTES) {
                    connection.write(ByteBuffer.allocate(unsent.length + bytes.length).put(unsent).put(bytes).flip());
                } else {
                    if (unsent != null) {
                        connection.write(unsent);
                    }
                    connection.write(bytes);
                }
                unsent = null;
            }

            @Override
            public void close() {
                if (left != 0) {
                    throw new IllegalStateException(left + " bytes short of the " + length + " the response said");
                }
            }
        };
    }

    @Override
    public Connection upgrade(Fields fields) throws IOException {
        upgraded = true;
        close = true;
        connection.write(head(101, fields, -2));
        return new UpgradedConnection(connection, input);
    }

    /** Answers with {@code e}'s status and its message as plain text. */
    void fail(HttpException e) throws IOException {
        respond(e.status(), Fields.of("Content-Type", "text/plain; charset=utf-8"),
                (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the route has begun its response. */
    boolean responded() {
        return status != 0;
    }

    /** The status the route answered with, or 0 if it has not. */
    int status() {
        return status;
    }

    /**
     * Ends the exchange once the route returned: reads away what the route left of the body, so
     * that the next request starts where it should.
     *
     * @return whether the connection may carry another request
     */
    boolean finish() throws IOException {
        if (close || upgraded) {
            return false;
        }
        if (framing instanceof BodyFraming.None || bodyRead) {
            return true;
        }
        if (expectsContinue && !continued) {
            // The client still waits to be asked for its body: it need never send it (RFC 9110 §10.1.1).
            return false;
        }
        bodyStream().transferTo(OutputStream.nullOutputStream());
        return true;
    }

    /**
     * The response's head. {@code length} is the body's length, or -1 for chunked, or -2 for
     * neither (ended by the close, or no body at all: 101).
     */
    private byte[] head(int status, Fields fields, long length) {
        if (this.status != 0) {
            throw new IllegalStateException("a response was sent already: " + this.status);
        }
        this.status = status;
        StringBuilder h = new StringBuilder(192);
        h.append("HTTP/1.1 ").append(status).append(' ').append(Status.reason(status)).append("\r\n");
        h.append("Date: ").append(HttpDate.now()).append("\r\n");
        h.append("Server: ").append(server).append("\r\n");
        if (length >= 0 && hasBody(status)) {
            h.append("Content-Length: ").append(length).append("\r\n");
        } else if (length == -1) {
            h.append("Transfer-Encoding: chunked\r\n");
        }
        if (status == 101) {
            h.append("Connection: Upgrade\r\n");
        } else if (close) {
            h.append("Connection: close\r\n");
        } else if (request.version() == HttpVersion.HTTP_1_0) {
            h.append("Connection: keep-alive\r\n");
        }
        for (Field f : fields.all()) {
            h.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
        h.append("\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Whether a response with {@code status} has a body: not 1xx, 204 or 304 (RFC 9110 §6.4.1). */
    private static boolean hasBody(int status) {
        return status >= 200 && status != 204 && status != 304;
    }
}
