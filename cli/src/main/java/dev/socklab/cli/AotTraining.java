package dev.socklab.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The training run of the AOT cache that {@code ./socklab} makes for its client commands on JDK
 * 25 and newer ({@code -XX:AOTCacheOutput}): {@code socklab hello} once, against a greeting server
 * of its own on 127.0.0.1, so that the cache holds the classes a client loads and links, and how
 * its methods ran. It talks to nothing but that server; the server waits at most {@link #LIMIT}
 * for the client, and the client its own default timeout for the greeting.
 */
public final class AotTraining {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private static final byte[] GREETING = "Hello World!\r\n".getBytes(StandardCharsets.US_ASCII);

    private AotTraining() {
    }

    /** Runs the training, and exits 0 when the client got its greeting. */
    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            server.setSoTimeout((int) LIMIT.toMillis());
            Thread greeter = Thread.ofPlatform().name("greeter").start(() -> greetOnce(server));
            int code = Main.run("hello", "127.0.0.1", Integer.toString(server.getLocalPort()));
            greeter.join(LIMIT.toMillis());
            System.exit(code);
        }
    }

    private static void greetOnce(ServerSocket server) {
        try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
            out.write(GREETING);
        } catch (IOException e) {
            // The client's exit code says whether the run did what it should.
        }
    }
}
