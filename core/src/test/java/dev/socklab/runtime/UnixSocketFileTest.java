package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.CannotBindException.Reason;
import dev.socklab.testing.RawClient;
import dev.socklab.testing.ServerUnderTest;

/**
 * A Unix socket is bound with mode 0660; a path is taken over only from a stale socket; the
 * socket file a server removes at stop is the one it created, never a newer one.
 */
@Timeout(20)
class UnixSocketFileTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @RegisterExtension
    final ServerUnderTest servers = new ServerUnderTest();

    @Test
    void socketFileIsReadableAndWritableByOwnerAndGroupOnly() throws IOException {
        Path path = dir.resolve("hello.sock");

        servers.stream("hello", TestServices.greeting(), Endpoint.unix(path));

        assertThat(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)).isEqualTo(UnixSocketFile.MODE);
        assertGreets(path);
    }

    @Test
    void staleSocketFileIsReplaced() throws IOException {
        Path path = dir.resolve("hello.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path)).close();
        assertThat(path).exists(); // closing a socket leaves its file: stale, nothing answers on it

        servers.stream("hello", TestServices.greeting(), Endpoint.unix(path));

        assertGreets(path);
    }

    @Test
    void socketAnotherProgramListensOnIsRefusedAndKeepsServing() throws IOException {
        Path path = dir.resolve("other.sock");
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(path))) {
            Object key = fileKey(path);

            CannotBindException e = refusal(path);

            assertThat(e.getMessage()).isEqualTo("cannot serve hello on unix " + path
                    + ": another server is listening on " + path + "; stop it, or pick another path");
            assertThat(fileKey(path)).isEqualTo(key);
            // The probe's connection is in the backlog; a new one still reaches the other program.
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                assertThat(client.isConnected()).isTrue();
            }
        }
    }

    @Test
    void socketARunningSocklabServesIsRefusedAndKeepsServing() throws IOException {
        Path path = dir.resolve("hello.sock");
        servers.stream("hello", TestServices.greeting(), Endpoint.unix(path));

        CannotBindException e = refusal(path);

        assertThat(e.reason()).isEqualTo(Reason.IN_USE);
        assertThat(e.getMessage()).contains("another server is listening on " + path);
        assertGreets(path);
    }

    @Test
    void symbolicLinkIsRefusedEvenToAStaleSocket() throws IOException {
        Path stale = dir.resolve("stale.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(stale)).close();
        Path link = Files.createSymbolicLink(dir.resolve("hello.sock"), stale);

        CannotBindException e = refusal(link);

        assertThat(e.reason()).isEqualTo(Reason.IN_USE);
        assertThat(e.getMessage()).contains(link + " is a symbolic link, and a socket is never bound through one");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(stale).exists();
    }

    @Test
    void danglingSymbolicLinkIsRefusedAndKept() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("hello.sock"), dir.resolve("nowhere"));

        CannotBindException e = refusal(link);

        assertThat(e.getMessage()).contains("is a symbolic link");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void namedPipeIsRefusedAndKeptThoughConnectingToItIsRefusedLikeAStaleSocket()
            throws IOException, InterruptedException {
        Path fifo = dir.resolve("hello.sock");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        CannotBindException e = refusal(fifo);

        assertThat(e.getMessage()).contains("a file that is not a socket already exists at " + fifo);
        assertThat(Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
    }

    @Test
    void directoryIsRefusedAndKept() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("hello.sock"));

        CannotBindException e = refusal(directory);

        assertThat(e.getMessage()).contains("a file that is not a socket already exists at " + directory);
        assertThat(directory).isDirectory();
    }

    @Test
    void stoppedServerLeavesANewerServersSocketFileAlone() throws IOException {
        Path path = dir.resolve("hello.sock");
        Server older = servers.start(Server.builder().stream("hello", TestServices.greeting(), Endpoint.unix(path)));
        Files.delete(path); // someone removed it by hand, and a newer server took the path
        Server newer = servers.start(Server.builder().stream("hello", TestServices.greeting(), Endpoint.unix(path)));
        Object newerKey = fileKey(path);

        older.stop(Duration.ZERO);

        assertThat(fileKey(path)).isEqualTo(newerKey);
        assertGreets(path);
        newer.stop(Duration.ZERO);
        assertThat(path).doesNotExist();
    }

    private CannotBindException refusal(Path path) {
        Server server = Server.builder().stream("hello", TestServices.greeting(), Endpoint.unix(path)).build();
        return catchThrowableOfType(CannotBindException.class, server::start);
    }

    private static void assertGreets(Path path) throws IOException {
        try (RawClient client = RawClient.connect(UnixDomainSocketAddress.of(path))) {
            assertThat(client.readAll(WAIT)).isEqualTo(TestServices.GREETING + "\r\n");
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }
}
