package dev.socklab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A server, for tests only, that plays one script on each connection over a raw socket: what a
 * well-behaved server would never send (a malformed head, a body cut short) or a conversation
 * step by step. It listens on 127.0.0.1 and an ephemeral port, or on a Unix socket; one virtual
 * thread accepts and one runs each connection, which is closed when its script returns. An
 * assertion that fails in a script fails {@link #close()}. Use in try-with-resources.
 */
public final class ScriptedServer implements AutoCloseable {
    /** What the server does on one connection. */
    @FunctionalInterface
    public interface Script {
        void run(SocketChannel client) throws Exception;
    }

    private final ServerSocketChannel listener;
    private final Thread acceptor;
    private final List<Thread> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Path unixPath;

    private ScriptedServer(ServerSocketChannel listener, Script script, Path unixPath) {
        this.listener = listener;
        this.unixPath = unixPath;
        this.acceptor = Thread.ofVirtual().name("scripted-server accept").start(() -> accept(script));
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    public static ScriptedServer start(Script script) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.INET);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new ScriptedServer(listener, script, null);
    }

    /** Starts a server on a Unix socket at {@code path}, which it deletes when closed. */
    public static ScriptedServer startUnix(Path path, Script script) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(path));
        return new ScriptedServer(listener, script, path);
    }

    /** Where it listens. */
    public SocketAddress address() throws IOException {
        return listener.getLocalAddress();
    }

    /** The TCP port it listens on. */
    public int port() throws IOException {
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }

    /**
     * Reads a message head: bytes up to and including the empty line that ends it (CRLF CRLF or
     * LF LF), one byte at a time so that nothing after it is taken.
     *
     * @return the head, decoded as ISO-8859-1, or what came before the end of the stream
     */
    public static String readHead(SocketChannel client) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (client.read(one.clear()) > 0) {
            head.write(one.get(0));
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n") || text.endsWith("\n\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads until the client closes its sending side; the bytes it sent. */
    public static byte[] readToEnd(SocketChannel client) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        int n;
        while ((n = client.read(chunk.clear())) >= 0) {
            got.write(chunk.array(), 0, n);
        }
        return got.toByteArray();
    }

    /** Writes all of {@code text}, as ISO-8859-1. */
    public static void write(SocketChannel client, String text) throws IOException {
        write(client, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes all of {@code bytes}. */
    public static void write(SocketChannel client, byte[] bytes) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(bytes);
        while (out.hasRemaining()) {
            client.write(out);
        }
    }

    @Override
    public void close() throws Exception {
        listener.close();
        acceptor.join(TimeUnit.SECONDS.toMillis(10));
        for (Thread connection : connections) {
            connection.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (unixPath != null) {
            Files.deleteIfExists(unixPath);
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError("a script failed: " + failures.getFirst(), failures.getFirst());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
    }

    private void accept(Script script) {
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed by the test
            }
            connections.add(Thread.ofVirtual().name("scripted-server connection").start(() -> {
                try (client) {
                    script.run(client);
                } catch (IOException e) {
                    // The client went away mid-script: for a fault test, what it is for.
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                }
            }));
        }
    }
}
