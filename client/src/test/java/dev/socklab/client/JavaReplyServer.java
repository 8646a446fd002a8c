package dev.socklab.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP server on its own thread for one client: it reads the request line, sends
 * {@code reply}, shuts down its sending side, and reads until the client closes. Reading the
 * request before closing matters: a socket closed with unread bytes sends a reset, not EOF.
 */
final class JavaReplyServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Thread thread;

    private JavaReplyServer(ServerSocketChannel server, byte[] reply) {
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("reply-server").start(() -> serveOne(reply));
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    static JavaReplyServer start(byte[] reply) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new JavaReplyServer(server, reply);
    }

    /** Where it listens. */
    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serveOne(byte[] reply) {
        try (SocketChannel client = server.accept()) {
            ByteBuffer in = ByteBuffer.allocate(1024);
            while (!hasLf(in) && client.read(in) >= 0) {
                // reading up to the request's line end
            }
            ByteBuffer out = ByteBuffer.wrap(reply);
            while (out.hasRemaining()) {
                client.write(out);
            }
            client.shutdownOutput();
            while (client.read(in.clear()) >= 0) {
                // discarding until the client closes
            }
        } catch (IOException e) {
            // The client went away early or reset, or the test closed the server: either way, done.
        }
    }

    private static boolean hasLf(ByteBuffer buffer) {
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return true;
            }
        }
        return false;
    }
}
