package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test, started and serving: its PID, the port of each listener as it printed them,
 * and the line that says what it runs on. Its output goes to a file, never a pipe, so that a server
 * logging a line per connection is never held up by a reader, and the log is there to read after a
 * failure.
 */
final class ServerProcess implements AutoCloseable {
    /** How long a server may take to print its ready line: a JVM starting on one core, with room to spare. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    /**
     * A listener line, from socklab's table ({@code echo     tcp        127.0.0.1:40225}) or the
     * baseline's ({@code netty echo tcp 127.0.0.1:40225}).
     */
    private static final Pattern LISTENER = Pattern.compile("^(?:netty\\s+)?([a-z]+)\\s+(tcp|udp)\\s+(\\S+):(\\d+)\\s*$");
    /** How socklab's banner names its engine: {@code I/O engine: epoll, 1 carrier thread}, {@code I/O engine: jdk (...)}. */
    private static final String ENGINE_LINE = "I/O engine: ";

    private final Side side;
    private final Process process;
    private final Children children;
    private final Map<String, Integer> listeners;
    private final String banner;

    private ServerProcess(Side side, Process process, Children children, Map<String, Integer> listeners, String banner) {
        this.side = side;
        this.process = process;
        this.children = children;
        this.listeners = listeners;
        this.banner = banner;
    }

    /**
     * Starts the server and waits for its ready line.
     *
     * @throws RunFailedException if it cannot start, exits, is not ready within {@link #START_TIMEOUT},
     *                            or socklab runs on another engine than it was asked for; it is stopped then
     */
    static ServerProcess start(Children children, Side side, Launch launch, Path log) throws RunFailedException {
        ProcessBuilder builder = new ProcessBuilder(launch.server(side))
                .directory(launch.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process;
        try {
            process = children.start(builder);
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + side.label() + ": " + e.getMessage());
        }
        try {
            List<String> lines = awaitReady(side, process, log);
            return new ServerProcess(side, process, children, listeners(lines), banner(side, lines));
        } catch (RunFailedException e) {
            children.stop(process);
            throw e;
        }
    }

    private static List<String> awaitReady(Side side, Process process, Path log) throws RunFailedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            List<String> lines = Logs.lines(log);
            if (lines.stream().anyMatch(l -> l.strip().equals(side.readyLine()))) {
                return lines;
            }
            if (!process.isAlive()) {
                throw new RunFailedException(side.label() + " exited with code " + process.exitValue()
                        + " before it was ready: " + Logs.tail(log));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RunFailedException(side.label() + " was not ready within " + START_TIMEOUT.toSeconds()
                        + " s: " + Logs.tail(log));
            }
            try {
                Thread.sleep(POLL_MILLIS); // the ready line has no other signal than the file growing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while " + side.label() + " started");
            }
        }
    }

    /**
     * The line that says what the server runs on: socklab's engine line, Netty's start-up line.
     *
     * @throws RunFailedException if socklab names no engine, or another than {@link Side#engine()}:
     *                            a fallback (epoll unavailable) measured as epoll would mislabel every number
     */
    static String banner(Side side, List<String> lines) throws RunFailedException {
        if (!side.socklab()) {
            return lines.stream().map(String::strip).filter(l -> l.startsWith("netty ") && l.contains(" on "))
                    .findFirst().orElse("");
        }
        String engine = lines.stream().map(String::strip).filter(l -> l.startsWith(ENGINE_LINE)).findFirst()
                .orElseThrow(() -> new RunFailedException(side.label() + " printed no '" + ENGINE_LINE.strip()
                        + "' line: this socklab build predates the I/O engines"));
        String runs = engine.substring(ENGINE_LINE.length());
        if (!runs.equals(side.engine()) && !runs.startsWith(side.engine() + ",") && !runs.startsWith(side.engine() + " ")) {
            throw new RunFailedException(side.label() + " was asked for --io " + side.engine() + " but runs on " + runs);
        }
        return engine;
    }

    /** Each listener a server printed, as {@code echo/tcp} to its port; the first line for a listener wins. */
    static Map<String, Integer> listeners(List<String> lines) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LISTENER.matcher(line.strip());
            if (m.matches()) {
                ports.putIfAbsent(m.group(1) + "/" + m.group(2), Integer.parseInt(m.group(4)));
            }
        }
        return ports;
    }

    /** The port of {@code listener} ({@code echo/tcp}). */
    int port(String listener) throws RunFailedException {
        Integer port = listeners.get(listener);
        if (port == null) {
            throw new RunFailedException(side.label() + " printed no " + listener + " listener (it printed " + listeners.keySet() + ")");
        }
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The line that says what the server runs on, for the report; empty if Netty printed none. */
    String banner() {
        return banner;
    }

    /** Stops the server by SIGTERM to its PID; how it went, for the report. */
    @Override
    public void close() {
        children.stop(process);
    }

    /** Stops the server and says how: {@code stopped}, or why it had to be killed. */
    String stop() {
        return children.stop(process);
    }
}
