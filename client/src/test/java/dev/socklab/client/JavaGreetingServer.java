package dev.socklab.client;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * A stream server on its own thread that sends {@code payload} to each client and closes, like the
 * lab's greeting server. Bound to an address the test gives: a loopback port 0 or a Unix socket file.
 */
final class JavaGreetingServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Thread thread;

    private JavaGreetingServer(ServerSocketChannel server, byte[] payload) {
        this.server = server;
        this.thread = Thread.ofPlatform().daemon().name("greeting-server").start(() -> serve(payload));
    }

    /** Starts a server on {@code address}, which must be loopback or a Unix socket path. */
    static JavaGreetingServer start(SocketAddress address, StandardProtocolFamily family, byte[] payload)
            throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(family);
        server.bind(address);
        return new JavaGreetingServer(server, payload);
    }

    /** Where the server listens. */
    SocketAddress address() throws IOException {
        return server.getLocalAddress();
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

    private void serve(byte[] payload) {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer out = ByteBuffer.wrap(payload);
                while (out.hasRemaining()) {
                    client.write(out);
                }
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // A client that went away early is no reason to stop serving the next one.
            }
        }
    }
}
