package dev.socklab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a process holds the socket a server is reached at, read from {@code /proc} (Linux): the
 * process's own view of its network namespace ({@code /proc/PID/net/tcp}, {@code tcp6},
 * {@code udp}, {@code udp6}, {@code unix}) gives the inode of the socket bound to the port or path,
 * and the links in {@code /proc/PID/fd} name the sockets it holds. It tells a server's PID from
 * that of the shell or wrapper that started it, whose memory and descriptors say nothing of the
 * server.
 */
final class ListeningSocket {
    /** {@code /proc/net/tcp}'s state of a listening socket, and {@code udp}'s of a bound, unconnected one. */
    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";
    /** {@code /proc/net/unix}'s flag of a listening socket ({@code __SO_ACCEPTCON}). */
    private static final int UNIX_ACCEPTING = 0x10000;

    private ListeningSocket() {
    }

    /**
     * Whether {@code pid} holds the socket that listens on {@code target}: a TCP port, a UDP port
     * ({@code datagram}), or a Unix socket's path.
     *
     * @throws IOException if {@code /proc} cannot tell, for the process or this system
     */
    static boolean heldBy(long pid, SocketAddress target, boolean datagram) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<String> bound = switch (target) {
            case InetSocketAddress inet when datagram -> inetInodes(proc, List.of("udp", "udp6"), inet.getPort(),
                    UDP_UNCONNECTED);
            case InetSocketAddress inet -> inetInodes(proc, List.of("tcp", "tcp6"), inet.getPort(), TCP_LISTEN);
            case UnixDomainSocketAddress unix -> unixInodes(proc, unix.getPath());
            default -> throw new IllegalArgumentException("not a socket address a server listens on: " + target);
        };
        if (bound.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                String link;
                try {
                    link = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException e) {
                    continue; // closed while we looked
                }
                if (link.startsWith("socket:[") && bound.contains(link.substring(8, link.length() - 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The inodes of the sockets in {@code state} bound to {@code port}, in any address, IPv4 or IPv6. */
    private static Set<String> inetInodes(Path proc, List<String> tables, int port, String state) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : tables) {
            Path file = proc.resolve("net").resolve(table);
            if (!Files.exists(file)) {
                continue; // no IPv6 on this system
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.strip().split("\\s+");
                if (fields.length < 10 || !fields[3].equals(state)) {
                    continue;
                }
                String local = fields[1];
                if (Integer.parseInt(local.substring(local.indexOf(':') + 1), 16) == port) {
                    inodes.add(fields[9]);
                }
            }
        }
        return inodes;
    }

    /**
     * The inode of the listening Unix socket at {@code path}. The table shows the path as the server
     * gave it to bind, maybe relative to its own directory.
     */
    private static Set<String> unixInodes(Path proc, Path path) throws IOException {
        Path name = path.getFileName();
        Set<String> inodes = new HashSet<>();
        List<String> lines = Files.readAllLines(proc.resolve("net").resolve("unix"), StandardCharsets.UTF_8);
        // Num RefCount Protocol Flags Type St Inode Path
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\\s+", 8);
            if (fields.length < 8 || (Integer.parseInt(fields[3], 16) & UNIX_ACCEPTING) == 0) {
                continue;
            }
            Path bound = Path.of(fields[7]);
            if (name.equals(bound.getFileName()) && sameFile(proc.resolve("cwd").resolve(bound), path)) {
                inodes.add(fields[6]);
            }
        }
        return inodes;
    }

    private static boolean sameFile(Path bound, Path target) {
        try {
            return Files.isSameFile(bound, target);
        } catch (IOException e) {
            return false; // gone, or not ours to see
        }
    }
}
