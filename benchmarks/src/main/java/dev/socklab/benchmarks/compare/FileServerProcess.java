package dev.socklab.benchmarks.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A server of the file-transfer comparison, started on free ports of 127.0.0.1 and answering
 * each protocol it serves; its output goes to a file, and it is stopped by its PID on close.
 *
 * @param server   which server
 * @param process  its process
 * @param children the comparison's processes, which stop it
 * @param tftpPort its TFTP port, when it serves TFTP
 * @param ftpPort  its FTP control port, when it serves FTP
 */
record FileServerProcess(FileServer server, Process process, Children children, int tftpPort, int ftpPort)
        implements AutoCloseable {
    /** A name no served directory holds: the TFTP probe's request, which every server answers with an ERROR. */
    static final String NO_SUCH_FILE = "compare-files-no-such-file";
    private static final int PROBE_WAIT_MILLIS = 250;

    /**
     * Starts {@code server} serving {@code served}, and waits until it answers on each of its protocols.
     *
     * @throws RunFailedException if it cannot start, exits, or does not answer within 30 s; it is stopped then
     */
    static FileServerProcess start(Children children, Launch launch, FileServer server, Path served, Path work, Path log)
            throws RunFailedException {
        int tftpPort = freeUdpPort();
        int ftpPort = HttpServerProcess.freePort();
        Process process;
        try {
            Files.createDirectories(work);
            process = children.start(new ProcessBuilder(server.command(launch, work, served, tftpPort, ftpPort))
                    .directory(launch.root().toFile()).redirectErrorStream(true).redirectOutput(log.toFile()));
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + server.label() + ": " + e.getMessage());
        }
        FileServerProcess started = new FileServerProcess(server, process, children, tftpPort, ftpPort);
        try {
            long deadline = System.nanoTime() + ServerProcess.START_TIMEOUT.toNanos();
            if (server.serves(FileProtocol.TFTP)) {
                started.await(deadline, log, started::answersTftp);
            }
            if (server.serves(FileProtocol.FTP)) {
                started.await(deadline, log, started::greetsFtp);
            }
            return started;
        } catch (RunFailedException e) {
            started.close();
            throw e;
        }
    }

    /** A UDP port free right now on 127.0.0.1: bound to port 0, then released for the server to bind. */
    static int freeUdpPort() throws RunFailedException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(Launch.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new RunFailedException("no free UDP port on " + Launch.HOST + ": " + e.getMessage());
        }
    }

    private interface Probe {
        boolean answers() throws IOException;
    }

    /** Probes until the server answers, it exits, or {@code deadline} passes. */
    private void await(long deadline, Path log, Probe probe) throws RunFailedException {
        while (true) {
            if (!process.isAlive()) {
                throw new RunFailedException(server.label() + " exited with code " + process.exitValue()
                        + " before it answered: " + Logs.tail(log));
            }
            try {
                if (probe.answers()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet: probed again below
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RunFailedException(server.label() + " did not answer on TFTP port " + tftpPort + " or FTP port "
                        + ftpPort + " within " + ServerProcess.START_TIMEOUT.toSeconds() + " s: " + Logs.tail(log));
            }
            try {
                Thread.sleep(50); // a server that is not bound yet has no other signal than a probe that works
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while " + server.label() + " started");
            }
        }
    }

    /** A read request for a missing file: any answer (an ERROR) says the server reads requests; none starts a transfer. */
    private boolean answersTftp() throws IOException {
        byte[] name = NO_SUCH_FILE.getBytes(StandardCharsets.US_ASCII);
        byte[] mode = "octet".getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[2 + name.length + 1 + mode.length + 1];
        request[1] = 1; // RRQ
        System.arraycopy(name, 0, request, 2, name.length);
        System.arraycopy(mode, 0, request, 3 + name.length, mode.length);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(Launch.HOST))) {
            socket.setSoTimeout(PROBE_WAIT_MILLIS);
            socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(Launch.HOST, tftpPort)));
            socket.receive(new DatagramPacket(new byte[516], 516));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** The FTP greeting, {@code 220 ...}: the server accepts and serves control connections. */
    private boolean greetsFtp() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Launch.HOST, ftpPort), PROBE_WAIT_MILLIS);
            socket.setSoTimeout(PROBE_WAIT_MILLIS * 8);
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return line != null && line.startsWith("220");
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * The CPU the server has used so far, in clock ticks, the children that served transfers
     * included; empty when the kernel discards its children's times (it ignores SIGCHLD).
     *
     * @throws RunFailedException if /proc cannot say: the server has exited
     */
    OptionalLong cpuTicks() throws RunFailedException {
        try {
            return ServerCpu.keepsChildrenTimes(process.pid()) ? OptionalLong.of(ServerCpu.ticks(process.pid()))
                    : OptionalLong.empty();
        } catch (IOException e) {
            throw new RunFailedException(server.label() + "'s CPU time cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Stops the server by SIGTERM to its PID; how it went, for the report. */
    String stop() {
        return children.stop(process);
    }

    @Override
    public void close() {
        stop();
    }
}
