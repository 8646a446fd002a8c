package dev.socklab.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.socklab.testing.LabProgram;
import dev.socklab.testing.Tools;

/**
 * A server written the lab's way in Python 3, on 127.0.0.1 and an ephemeral port that it prints
 * first. Every script starts with {@link #WATCHDOG}, so it ends itself after two minutes or when
 * this JVM goes away, even if nobody destroys it; close destroys it by PID.
 */
final class LabServer implements AutoCloseable {
    /** Lets the server end itself: on EOF on stdin (the JVM is gone) or after 120 s. */
    static final String WATCHDOG = """
            import os, signal, socket, sys, threading
            signal.alarm(120)
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
            """;
    private static final Duration START = Duration.ofSeconds(10);

    private final LabProgram program;
    private final int port;

    private LabServer(LabProgram program, int port) {
        this.program = program;
        this.port = port;
    }

    /** Starts {@code body} after the watchdog; the body must print its port, and nothing before it. */
    static LabServer start(Path dir, String body) throws IOException {
        Tools.require("python3");
        LabProgram program = LabProgram.python(dir, WATCHDOG + body);
        try {
            String line = program.readLine(START);
            if (line == null) {
                throw new IOException("the Python server exited before printing its port");
            }
            return new LabServer(program, Integer.parseInt(line.strip()));
        } catch (IOException | RuntimeException | AssertionError e) {
            program.close();
            throw e;
        }
    }

    /** The port it listens on, at 127.0.0.1. */
    int port() {
        return port;
    }

    /** The next line it prints, within {@code timeout}. */
    String readLine(Duration timeout) throws IOException {
        return program.readLine(timeout);
    }

    /** Whether it exited on its own within {@code timeout}. */
    boolean exitsWithin(Duration timeout) throws InterruptedException {
        return program.waitFor(timeout);
    }

    @Override
    public void close() {
        program.close();
    }
}
