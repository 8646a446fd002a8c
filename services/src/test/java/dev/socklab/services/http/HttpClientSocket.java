package dev.socklab.services.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socklab.framing.ByteSource;
import dev.socklab.http.BodyFraming;
import dev.socklab.http.HeadLimits;
import dev.socklab.http.HttpException;
import dev.socklab.http.HttpInput;
import dev.socklab.http.ResponseHead;
import dev.socklab.runtime.Endpoint;

/**
 * A test's HTTP client: it sends whatever bytes a test writes, well-formed or not, and reads
 * responses one at a time, each within a deadline.
 */
final class HttpClientSocket implements Closeable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final OutputStream out;
    private final HttpInput input;

    private HttpClientSocket(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.out = Channels.newOutputStream(channel);
        InputStream in = Channels.newInputStream(channel);
        this.input = new HttpInput(new ByteSource() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public int read(ByteBuffer dst, Duration wait) throws IOException {
                return read(dst);
            }
        }, HeadLimits.forResponses());
    }

    /** Connects to a TCP or Unix endpoint of a running server. */
    static HttpClientSocket connect(Endpoint endpoint) throws IOException {
        SocketChannel channel = endpoint.address() instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
        channel.connect(endpoint.address());
        // A read that hangs fails the test rather than hanging it: the channel's socket adaptor honours SO_TIMEOUT.
        if (!(endpoint.address() instanceof UnixDomainSocketAddress)) {
            channel.socket().setSoTimeout((int) WAIT.toMillis());
        }
        return new HttpClientSocket(channel);
    }

    /** Sends {@code text} as it is, in ISO-8859-1, so a test controls every byte. */
    HttpClientSocket send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** The next response's head. */
    ResponseHead head() throws IOException, HttpException {
        return input.readResponseHead();
    }

    /** The body of a response to {@code method}, read whole. */
    byte[] body(String method, ResponseHead head) throws IOException, HttpException {
        return input.body(BodyFraming.ofResponse(method, head), Long.MAX_VALUE).readAllBytes();
    }

    /** The next response to {@code method}: its head and its body as text. */
    Response response(String method) throws IOException, HttpException {
        ResponseHead head = head();
        return new Response(head, new String(body(method, head), StandardCharsets.UTF_8));
    }

    /** Whether the server closes the connection (EOF or reset) within {@code wait}, with no bytes before. */
    boolean closedWithin(Duration wait) throws IOException {
        if (input.hasBuffered()) {
            throw new AssertionError("bytes came where the connection should close");
        }
        ByteBuffer one = ByteBuffer.allocate(1);
        long deadline = System.nanoTime() + wait.toNanos();
        channel.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            channel.register(selector, SelectionKey.OP_READ);
            while (true) {
                int n = channel.read(one);
                if (n < 0) {
                    return true;
                }
                if (n > 0) {
                    throw new AssertionError("bytes came where the connection should close");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                selector.select(Math.max(1, left / 1_000_000));
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            return true;
        }
    }

    /** The local address, as the server should see it. */
    InetSocketAddress local() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A response's head and its body as text. */
    record Response(ResponseHead head, String body) {
        int status() {
            return head.status();
        }
    }
}
