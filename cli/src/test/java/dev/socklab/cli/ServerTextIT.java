package dev.socklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./socklab hello} against a server whose greeting is an escape sequence, on a real terminal
 * (tmux) and into a pipe: what tells them apart is the launched program's own standard output.
 */
@Timeout(180)
class ServerTextIT {
    private static final Duration START = Duration.ofSeconds(120);
    /** Sets the terminal's title, then turns the text red. */
    private static final String GREETING = "\u001b]0;pwned\u0007\u001b[31mred";

    @TempDir
    Path dir;

    @Test
    void onATerminalTheGreetingsEscapesShowAndInAPipeTheyPassAsTheyCame() throws Exception {
        try (Launched server = Launched.socklab("serve", "hello:0", "--ipv4-only", "--greeting", GREETING)) {
            String port = String.valueOf(server.boundPort("hello", "tcp", "127.0.0.1"));
            // od prints ESC as 033: the bytes as the server sent them reach the pipe.
            try (Tmux terminal = Tmux.start(dir, 120, 10, "./socklab hello 127.0.0.1 " + port + ";"
                    + " ./socklab hello 127.0.0.1 " + port + " | od -An -c | tr -s ' ' | head -1; sleep 60")) {
                List<String> screen = terminal.awaitScreen(s -> s.stream().anyMatch(line -> line.contains("033")),
                        START, "both runs' output");

                // The launcher may say first that it makes its start-up cache.
                assertThat(screen).contains("^[]0;pwned^G^[[31mred")
                        .anyMatch(line -> line.startsWith(" 033 ] 0 ; p w n e d \\a 033 [ 3 1 m"));
            }
        }
    }
}
