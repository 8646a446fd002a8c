package dev.socklab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.socklab.testing.Tools;

/**
 * A terminal for a program under test: a tmux session of its own, on a tmux server of its own
 * (its socket in the test's temporary directory), typed into with {@code send-keys} and read with
 * {@code capture-pane}. Closing it kills that session, and with it the program; the private
 * server exits with its last session. Skips the test where tmux is not installed (fails it on CI).
 */
final class Tmux implements AutoCloseable {
    private static final Duration COMMAND = Duration.ofSeconds(10);

    private final Path socket;
    private final String session;

    private Tmux(Path socket, String session) {
        this.socket = socket;
        this.session = session;
    }

    /**
     * Runs {@code shellCommand} with {@code sh -c} in a new detached session of {@code columns} by
     * {@code rows}, in the repository root; the tmux server's socket goes in {@code dir}.
     */
    static Tmux start(Path dir, int columns, int rows, String shellCommand) throws IOException, InterruptedException {
        Tools.require("tmux");
        String name = "socklab-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Tmux tmux = new Tmux(dir.resolve(name + ".tmux"), name);
        tmux.run("new-session", "-d", "-s", name, "-x", String.valueOf(columns), "-y", String.valueOf(rows),
                "-c", Launched.ROOT.toString(), shellCommand);
        return tmux;
    }

    /** Types {@code text} as it is, each character a key. */
    void type(String text) throws IOException, InterruptedException {
        run("send-keys", "-t", session, "-l", text);
    }

    /** Presses keys by tmux's names: {@code Enter}, {@code C-d}, {@code Up}. */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args.toArray(String[]::new));
    }

    /** The screen as it is now, one string a row, trailing spaces removed. */
    List<String> screen() throws IOException, InterruptedException {
        return run("capture-pane", "-p", "-t", session).lines().map(String::stripTrailing).toList();
    }

    /** Waits until the screen passes {@code test}, polling it, and returns it; fails the test after {@code timeout}. */
    List<String> awaitScreen(Predicate<List<String>> test, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> screen = screen();
            if (test.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what + "; the screen:\n"
                        + String.join("\n", screen));
            }
            Thread.sleep(20); // polling interval of the condition, not a synchronisation
        }
    }

    /** Kills this test's session, and the program in it. */
    @Override
    public void close() throws IOException, InterruptedException {
        run("kill-session", "-t", session);
    }

    private String run(String... args) throws IOException, InterruptedException {
        // A server of its own, with no user configuration: the test sees tmux as it comes.
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process tmux = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!tmux.waitFor(COMMAND.toMillis(), TimeUnit.MILLISECONDS)) {
            tmux.destroyForcibly();
            throw new AssertionError("tmux " + String.join(" ", args) + " did not finish within " + COMMAND.toMillis()
                    + " ms");
        }
        String output = new String(tmux.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tmux.exitValue() != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed (" + tmux.exitValue() + "): "
                    + output);
        }
        return output;
    }
}
