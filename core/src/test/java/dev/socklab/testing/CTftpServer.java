package dev.socklab.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;


/**
 * A TFTP server written in C, run in the foreground on a free port of 127.0.0.1 with its root in
 * the test's directory, as the test's own user, and ended by PID when closed: tftpd-hpa's
 * {@code in.tftpd} or {@code atftpd}. Debian lets only one of the two be installed as a package;
 * .ci/run unpacks atftpd beside tftpd-hpa.
 */
public final class CTftpServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(10);

    private final LabProgram program;
    private final int port;

    private CTftpServer(List<String> command, int port) throws IOException {
        this.program = LabProgram.start(command);
        this.port = port;
        try {
            awaitAnswer();
        } catch (IOException | RuntimeException | Error e) {
            program.close();
            throw e;
        }
    }

    /** tftpd-hpa, which may create files in {@code root} ({@code -c}); it takes no windowsize. */
    public static CTftpServer tftpdHpa(Path root) throws IOException {
        String tftpd = Tools.require(Path.of("/usr/sbin/in.tftpd"));
        int port = LoopbackPorts.udp();
        return new CTftpServer(List.of(tftpd, "-L", "-a", "127.0.0.1:" + port, "-c", "-u",
                System.getProperty("user.name"), "-s", root.toString()), port);
    }

    /** atftpd, with windowsize (RFC 7440). */
    public static CTftpServer atftpd(Path root) throws IOException {
        String atftpd = Tools.require("atftpd");
        int port = LoopbackPorts.udp();
        String user = System.getProperty("user.name");
        return new CTftpServer(new ArrayList<>(List.of(atftpd, "--daemon", "--no-fork", "--port",
                Integer.toString(port), "--bind-address", "127.0.0.1", "--user", user, "--group", user,
                "--logfile", "-", root.toString())), port);
    }

    /** The server's port, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A read request for a file that is not there, until the server answers it: it is listening then. */
    private void awaitAnswer() throws IOException {
        long end = System.nanoTime() + START.toNanos();
        // RRQ (opcode 1) for "no-such-file-probe" in octet mode
        byte[] request = "\0\1no-such-file-probe\0octet\0".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            probe.setSoTimeout(100);
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            while (System.nanoTime() < end) {
                probe.send(new DatagramPacket(request, request.length, server));
                try {
                    probe.receive(new DatagramPacket(new byte[1024], 1024));
                    return;
                } catch (SocketTimeoutException e) {
                    // not listening yet: ask again
                }
            }
        }
        throw new IOException("the TFTP server did not answer on udp 127.0.0.1:" + port + " within " + START);
    }

    @Override
    public void close() {
        program.close();
    }
}
