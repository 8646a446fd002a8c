package dev.socklab.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.socklab.runtime.Endpoint;

/**
 * A plain test client over TCP or a Unix socket, independent of socklab's own client: every read
 * has a deadline, so a test waits on bytes, never on a sleep.
 */
public final class RawClient implements Closeable {
    /** How long a send waits for the server to make room, since it last did. */
    private static final Duration SEND_STALL = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final Selector selector;
    /** Apart from the reads' selector: a test may send on one thread while it reads on another. */
    private final Selector writable;

    private RawClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        this.writable = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        channel.register(writable, SelectionKey.OP_WRITE);
    }

    /** Connects (blocking; loopback answers at once) to a bound endpoint. */
    public static RawClient connect(Endpoint endpoint) throws IOException {
        return connect(endpoint.address());
    }

    /** Connects to an address. */
    public static RawClient connect(SocketAddress address) throws IOException {
        return new RawClient(SocketChannel.open(address));
    }

    /**
     * Connects from a chosen local address (another loopback address such as 127.0.0.2, to be a
     * second source), on an ephemeral port.
     */
    public static RawClient connectFrom(InetAddress source, Endpoint endpoint) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(source, 0));
            channel.connect(endpoint.address());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new RawClient(channel);
    }

    /** The client's own address. */
    public SocketAddress local() throws IOException {
        return channel.getLocalAddress();
    }

    /** Sends all of {@code text} as UTF-8. */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends all of {@code bytes}, waiting (never spinning: the server may need the core) while the
     * socket buffer is full, and failing if the server makes no room for 10 s.
     */
    public void send(byte[] bytes) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + SEND_STALL.toNanos();
        while (src.hasRemaining()) {
            if (channel.write(src) > 0) {
                deadline = System.nanoTime() + SEND_STALL.toNanos();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("the server did not read for " + SEND_STALL.toSeconds() + " s");
            }
            writable.select(Math.max(1, left / 1_000_000));
            writable.selectedKeys().clear();
        }
    }

    /** Half-closes: the server reads EOF. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Reads until the server closes, within {@code timeout}; fails if it does not close in time. */
    public String readAll(Duration timeout) throws IOException {
        return new String(readAllBytes(timeout), StandardCharsets.UTF_8);
    }

    /** The bytes until the server closes, within {@code timeout}; fails if it does not close in time. */
    public byte[] readAllBytes(Duration timeout) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (true) {
            int n = readSome(buffer, deadline);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buffer.array(), 0, n);
            buffer.clear();
        }
    }

    /** Reads until {@code expected} bytes have come, within {@code timeout}. */
    public String read(int expected, Duration timeout) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(expected);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (buffer.hasRemaining()) {
            if (readSome(buffer, deadline) < 0) {
                break;
            }
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    /** Reads what has come into {@code dst}, at least one byte, within {@code timeout}; -1 at EOF. */
    public int read(ByteBuffer dst, Duration timeout) throws IOException {
        return readSome(dst, System.nanoTime() + timeout.toNanos());
    }

    /** Reads one line (without its end), within {@code timeout}; null at EOF. */
    public String readLine(Duration timeout) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            one.clear();
            if (readSome(one, deadline) < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            byte b = one.get(0);
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    /** Whether the server closed the connection (EOF or reset) within {@code timeout}, discarding any bytes before it. */
    public boolean closedWithin(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        try {
            while (true) {
                buffer.clear();
                if (readSome(buffer, deadline) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private int readSome(ByteBuffer buffer, long deadline) throws IOException {
        while (true) {
            int n = channel.read(buffer);
            if (n != 0) {
                return n;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("nothing from the server in time");
            }
            selector.select(Math.max(1, left / 1_000_000));
            selector.selectedKeys().clear();
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        writable.close();
        channel.close();
    }
}
