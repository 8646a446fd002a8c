package dev.socklab.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The file a Unix stream socket is bound at. Before the bind, {@link #clear} makes way: it
 * removes a stale socket that nothing answers on, and refuses anything else (a symbolic link, a
 * live socket, a file that is not a socket). After it, {@link #bound} narrows the file to
 * {@link #MODE} and remembers which file it is, so that {@link #remove} deletes that file and
 * never a newer server's socket at the same path.
 */
final class UnixSocketFile {
    /** Owner and group may connect; others may not (connecting needs write permission). */
    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-rw----");
    /** {@code S_IFMT} and {@code S_IFSOCK} of {@code stat(2)}: the JDK names no socket file type. */
    private static final int TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path path;
    /** Device and inode, with the birth time in case the inode number was reused. */
    private final Object key;
    private final FileTime born;

    private UnixSocketFile(Path path, BasicFileAttributes attributes) {
        this.path = path;
        this.key = attributes.fileKey();
        this.born = attributes.creationTime();
    }

    /**
     * Makes way for a bind at {@code path}. Whatever is there stays unless it is a socket that
     * refuses connections: the server that made it is gone. Between that refusal and the delete
     * another server could bind the path; the window is one system call wide.
     *
     * @throws Refused when something other than a stale socket is at the path
     */
    static void clear(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw new Refused(path + " is a symbolic link, and a socket is never bound through one;"
                    + " remove the link, or pick another path");
        }
        if (!isSocket(path)) {
            throw new Refused("a file that is not a socket already exists at " + path
                    + "; socklab never deletes it: remove it if you no longer need it, or pick another path");
        }
        if (answers(path)) {
            throw new Refused("another server is listening on " + path + "; stop it, or pick another path");
        }
        Files.deleteIfExists(path);
        Listener.LOG.info("removed the stale socket file {}: nothing answered on it", path);
    }

    /**
     * Takes the socket just bound at {@code path} as this listener's own and narrows it to
     * {@link #MODE}. The socket exists from {@code bind} on with the mode the umask gives; until
     * the {@code chmod} a moment later (before any connection is accepted) a client the umask
     * admits could queue a connection. If the file cannot be narrowed it is deleted.
     */
    static UnixSocketFile bound(Path path) throws IOException {
        UnixSocketFile file = new UnixSocketFile(path,
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        try {
            // chmod(2) follows links (the JDK's no-follow variant cannot open a socket), so the
            // file is checked to be still ours after it.
            Files.setPosixFilePermissions(path, MODE);
            if (!file.isStillAt(path)) {
                throw new IOException(path + " was replaced while its mode was being set");
            }
        } catch (IOException e) {
            file.remove();
            throw e;
        }
        return file;
    }

    /**
     * Deletes the socket file if the one at the path is still the one this listener bound; a file
     * put there since (by a newer server) stays. The check and the delete are two calls apart.
     */
    void remove() {
        try {
            if (isStillAt(path)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            Listener.LOG.debug("the socket file {} was already gone", path);
        } catch (IOException e) {
            Listener.LOG.warn("could not remove the socket file {}: {}", path, e.getMessage());
        }
    }

    private boolean isStillAt(Path at) throws IOException {
        BasicFileAttributes now = Files.readAttributes(at, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return key != null && key.equals(now.fileKey()) && born.equals(now.creationTime());
    }

    private static boolean isSocket(Path path) throws IOException {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return (mode & TYPE_MASK) == SOCKET_TYPE;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no way to tell: treat it as the user's file, which is never deleted
        }
    }

    /**
     * Whether a server accepts connections on the socket. Only a refusal ({@code ECONNREFUSED})
     * says it is stale; any other failure (a full backlog, no permission) leaves it alone.
     */
    private static boolean answers(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            // Non-blocking: a live server with a full backlog must not hold the bind up.
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new Refused("the socket at " + path + " cannot be probed (" + e.getMessage()
                    + "); remove it if no server uses it, or pick another path");
        }
    }

    /** Something at the path that a bind must not replace; the message is the hint for the user. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }
}
