package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A server of the TLS comparison, started on a free port and listening, with nginx's plain echo
 * behind it; each process's output goes to a file, and each is stopped by its PID on close, the
 * TLS server first.
 *
 * @param processes the server's processes, in the order started
 * @param children  the comparison's processes, which stop them
 * @param port      the TLS port, on 127.0.0.1
 */
record TlsServerProcess(List<Process> processes, Children children, int port) implements AutoCloseable {
    /**
     * Starts {@code server} on a free port, each of its processes in turn once the one before listens.
     *
     * @throws RunFailedException if one cannot start, exits, or does not listen within 30 s; all are stopped then
     */
    static TlsServerProcess start(Children children, Launch launch, TlsServer server, TlsFiles files, Path work, Path log)
            throws RunFailedException {
        int port = HttpServerProcess.freePort();
        int upstream = HttpServerProcess.freePort();
        List<List<String>> commands;
        try {
            Files.createDirectories(work);
            commands = server.commands(launch, files, work, port, upstream);
        } catch (IOException e) {
            throw new RunFailedException("cannot prepare " + server.label() + ": " + e.getMessage());
        }
        TlsServerProcess served = new TlsServerProcess(new ArrayList<>(), children, port);
        try {
            for (int i = 0; i < commands.size(); i++) {
                boolean last = i == commands.size() - 1;
                Path output = last ? log : Path.of(log + ".upstream");
                try {
                    served.processes.add(children.start(new ProcessBuilder(commands.get(i))
                            .directory(launch.root().toFile()).redirectErrorStream(true).redirectOutput(output.toFile())));
                } catch (IOException e) {
                    throw new RunFailedException("cannot start " + server.label() + ": " + e.getMessage());
                }
                awaitListening(served.processes.getLast(), server, last ? port : upstream, output);
            }
            return served;
        } catch (RunFailedException e) {
            served.close();
            throw e;
        }
    }

    /** Waits until {@code port} accepts a connection, which every server does once it serves. */
    private static void awaitListening(Process process, TlsServer server, int port, Path log) throws RunFailedException {
        long deadline = System.nanoTime() + ServerProcess.START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new RunFailedException(server.label() + " exited with code " + process.exitValue()
                        + " before it listened: " + Logs.tail(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(Launch.HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new RunFailedException(server.label() + " did not listen on port " + port + " within "
                            + ServerProcess.START_TIMEOUT.toSeconds() + " s: " + Logs.tail(log));
                }
            }
            try {
                Thread.sleep(50); // a listening port has no other signal than a connect that works
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while " + server.label() + " started");
            }
        }
    }

    /** Stops every process, the TLS server first; how the TLS server went, for the report. */
    String stop() {
        String how = "stopped";
        for (Process p : processes.reversed()) {
            String stopped = children.stop(p);
            if (p == processes.getLast()) {
                how = stopped;
            }
        }
        return how;
    }

    @Override
    public void close() {
        stop();
    }
}
