package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a client command prints of a hostile server's text: on a terminal, its escape sequences
 * and bidi and invisible characters made visible; in a pipe, every byte as it came.
 */
@Timeout(30)
@ResourceLock(Resources.SYSTEM_OUT)
class ServerTextTest {
    /** Sets the terminal's title, clears its screen, writes the user's clipboard (OSC 52), then a C1 CSI and bidi tricks. */
    private static final String HOSTILE = "\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;cm0gLXJmIH4K\u0007"
            + "\u009b31m \u202Egnp.exe\u200B \u2066x\u2069\uFEFF\u2028";
    private static final String SHOWN = "^[]0;pwned^G^[[2J^[]52;c;cm0gLXJmIH4K^G"
            + "<U+009B>31m <U+202E>gnp.exe<U+200B> <U+2066>x<U+2069><U+FEFF><U+2028>";

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "qotd", "daytime", "arp", "rarp", "chargen"})
    void onATerminalAServersEscapesAndBidiControlsAreShownVisibly(String command) throws IOException {
        String out = run(command, true);

        // Before, each of these wrote the server's bytes as they came, escape sequences and all.
        assertThat(out).contains(SHOWN).doesNotContain("\u001b", "\u0007", "\u009b", "\u202E", "\u200B", "\uFEFF");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "qotd", "daytime", "arp", "rarp", "chargen"})
    void inAPipeAServersTextPassesAsItCame(String command) throws IOException {
        assertThat(run(command, false)).contains(HOSTILE);
    }

    /** Runs {@code command} against a server that sends {@link #HOSTILE} and a line end; what it printed. */
    private String run(String command, boolean terminal) throws IOException {
        String port = String.valueOf(serve((HOSTILE + "\r\n").getBytes(StandardCharsets.UTF_8)));
        List<String> args = new ArrayList<>(List.of(command, "127.0.0.1", port));
        switch (command) {
            case "arp" -> args.add("10.0.0.1");
            case "rarp" -> args.add("0A:0B:0C:0D");
            case "chargen" -> args.addAll(List.of("--lines", "1"));
            default -> { }
        }
        PrintStream systemOut = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandRun run;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8)); // chargen writes there
        try {
            run = CommandRun.printingAsTo(terminal, args.toArray(String[]::new));
        } finally {
            System.setOut(systemOut);
        }
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isZero();
        return run.out() + bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * A server on loopback that sends {@code reply} to each client, ends its output, and reads what
     * the client sends until it closes, as a lab server that waits for an acknowledgement does.
     */
    private int serve(byte[] reply) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        servers.add(listener);
        Thread.ofVirtual().start(() -> {
            while (listener.isOpen()) {
                try (SocketChannel client = listener.accept()) {
                    client.write(ByteBuffer.wrap(reply));
                    client.shutdownOutput();
                    ByteBuffer sink = ByteBuffer.allocate(1024);
                    while (client.read(sink.clear()) >= 0) {
                        // the client's request or acknowledgement, unread
                    }
                } catch (IOException e) {
                    // closed at the end of the test, or a client that reset: the next accept says which
                }
            }
        });
        return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    }
}
