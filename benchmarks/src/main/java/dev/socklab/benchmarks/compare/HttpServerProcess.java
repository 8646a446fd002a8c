package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server of the HTTP or the RPC comparison, started on free ports and listening; its output goes
 * to a file, and it is stopped by its PID on close.
 *
 * @param process  the server's process
 * @param children the comparison's processes, which stop it
 * @param port     the port it listens on, on 127.0.0.1 (the first, when it listens on several)
 */
record HttpServerProcess(Process process, Children children, int port) implements AutoCloseable {
    private static final Duration START_TIMEOUT = ServerProcess.START_TIMEOUT;

    /**
     * Starts {@code server} serving {@code site} on a free port, and waits until it listens.
     *
     * @throws RunFailedException if it cannot start, exits, or does not listen within 30 s; it is stopped then
     */
    static HttpServerProcess start(Children children, Launch launch, HttpSite site, HttpServer server, String program, Path log)
            throws RunFailedException {
        int port = freePort();
        List<String> command;
        try {
            command = server.command(launch, program, site, site.workDir(server), port);
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + server.label() + ": " + e.getMessage());
        }
        return start(children, launch, server.label(), command, List.of(port), log);
    }

    /**
     * Starts {@code command}, a server that listens on each of {@code ports} (free ones, from {@link #freePort}),
     * and waits until every one accepts; {@link #port()} is the first.
     *
     * @throws RunFailedException if it cannot start, exits, or does not listen within 30 s; it is stopped then
     */
    static HttpServerProcess start(Children children, Launch launch, String label, List<String> command,
                                   List<Integer> ports, Path log) throws RunFailedException {
        Process process;
        try {
            process = children.start(new ProcessBuilder(command).directory(launch.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()));
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + label + ": " + e.getMessage());
        }
        HttpServerProcess served = new HttpServerProcess(process, children, ports.getFirst());
        try {
            for (int port : ports) {
                served.awaitListening(label, port, log);
            }
            return served;
        } catch (RunFailedException e) {
            served.close();
            throw e;
        }
    }

    /** Waits until {@code port} accepts a connection, which every server does once it serves. */
    private void awaitListening(String label, int port, Path log) throws RunFailedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new RunFailedException(label + " exited with code " + process.exitValue()
                        + " before it listened: " + Logs.tail(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(Launch.HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new RunFailedException(label + " did not listen on port " + port + " within "
                            + START_TIMEOUT.toSeconds() + " s: " + Logs.tail(log));
                }
            }
            try {
                Thread.sleep(50); // a listening port has no other signal than a connect that works
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while " + label + " started");
            }
        }
    }

    /** A port free right now on 127.0.0.1: bound to port 0, then released for the server to bind. */
    static int freePort() throws RunFailedException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(Launch.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new RunFailedException("no free port on " + Launch.HOST + ": " + e.getMessage());
        }
    }

    String stop() {
        return children.stop(process);
    }

    @Override
    public void close() {
        children.stop(process);
    }
}
