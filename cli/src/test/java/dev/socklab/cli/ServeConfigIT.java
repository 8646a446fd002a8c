package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./socklab serve --config FILE} as an operator runs it: the file's services, a server-wide
 * setting and a service's table at work over real sockets, and a flag given on the command line
 * over the file's.
 */
@Timeout(60)
class ServeConfigIT {
    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void theFilesServicesAndSettingsServeAndTheCommandLineOverridesThem() throws Exception {
        Path file = Files.writeString(dir.resolve("socklab.toml"), """
                services = ["hello:0/tcp", "echo:0/tcp"]
                ipv4-only = true
                greeting = "Hello from the file"

                [echo]
                deny = ["127.0.0.0/8"]
                """);

        try (Launched server = Launched.socklab("serve", "--config", file.toString())) {
            int hello = server.boundPort("hello", "tcp", "127.0.0.1");
            int echo = server.boundPort("echo", "tcp", "127.0.0.1");

            assertThat(read(hello)).isEqualTo("Hello from the file\r\n");
            // The file denies loopback to echo alone: a denied client gets no byte, the connection closed at once.
            assertThat(read(echo)).isEmpty();

            server.terminate();
            assertThat(server.exitWithin(SOON)).as("exit code; stderr: %s", server.err()).isZero();
        }

        try (Launched server = Launched.socklab("serve", "--config", file.toString(), "--greeting",
                "Hello from the command line")) {
            assertThat(read(server.boundPort("hello", "tcp", "127.0.0.1"))).isEqualTo("Hello from the command line\r\n");
        }
    }

    /** Everything the server sends on a new connection, until it closes it. */
    private static String read(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) SOON.toMillis());
            socket.setSoTimeout((int) SOON.toMillis());
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
