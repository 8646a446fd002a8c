package dev.socklab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.socklab.runtime.CannotBindException.Reason;

/** A server that cannot bind one endpoint says which and why, and keeps none of the others. */
@Timeout(20)
class BindFailureTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void portHeldByAnotherSocketIsInUseAndTheOtherEndpointsAreReleased() throws IOException {
        int freePort = freePort();
        Path socketFile = dir.resolve("first.sock");
        try (ServerSocketChannel holder = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            int held = ((InetSocketAddress) holder.getLocalAddress()).getPort();
            Server server = Server.builder()
                    .stream("first", TestServices.greeting(), Endpoint.tcp(new InetSocketAddress(LOOPBACK, freePort)))
                    .stream("second", TestServices.greeting(), Endpoint.unix(socketFile))
                    .stream("clash", TestServices.greeting(), Endpoint.tcp(new InetSocketAddress(LOOPBACK, held)))
                    .build();
            try {
                CannotBindException e = catchThrowableOfType(CannotBindException.class, server::start);

                assertThat(e.reason()).isEqualTo(Reason.IN_USE);
                assertThat(e.service()).isEqualTo("clash");
                assertThat(e.getMessage()).startsWith("cannot serve clash on tcp 127.0.0.1:" + held + ": ")
                        .contains("in use by another program");
            } finally {
                server.stop();
            }
        }

        // Both endpoints bound before the failure are free again.
        try (ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, freePort));
             ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                     .bind(UnixDomainSocketAddress.of(socketFile))) {
            assertThat(tcp.isOpen()).isTrue();
            assertThat(unix.isOpen()).isTrue();
        }
    }

    @Test
    void unixPathWhereAFileExistsIsInUseAndTheFileIsKept() throws IOException {
        Path existing = Files.writeString(dir.resolve("notes.sock"), "not a socket");
        Server server = Server.builder().stream("hello", TestServices.greeting(), Endpoint.unix(existing)).build();

        CannotBindException e = catchThrowableOfType(CannotBindException.class, server::start);

        assertThat(e.reason()).isEqualTo(Reason.IN_USE);
        assertThat(e.getMessage()).startsWith("cannot serve hello on unix " + existing + ": ")
                .contains("a file that is not a socket already exists at " + existing);
        assertThat(existing).hasContent("not a socket");
    }

    @Test
    void addressOfNoInterfaceHereIsNotAvailable() throws IOException {
        // TEST-NET-1 (RFC 5737): on no machine's interfaces. Only bound, never sent to.
        InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0);
        Server server = Server.builder().stream("hello", TestServices.greeting(), Endpoint.tcp(elsewhere)).build();

        CannotBindException e = catchThrowableOfType(CannotBindException.class, server::start);

        assertThat(e.reason()).isEqualTo(Reason.ADDRESS_NOT_AVAILABLE);
        assertThat(e.endpoint()).isEqualTo(Endpoint.tcp(elsewhere));
        assertThat(e.getMessage()).startsWith("cannot serve hello on tcp 192.0.2.1:0: ")
                .contains("no network interface of this machine has that address");
    }

    @Test
    void permissionDeniedOnALowPortHintsAtCapNetBindService() {
        Endpoint daytime = Endpoint.tcp(new InetSocketAddress(LOOPBACK, 13));

        CannotBindException e = CannotBindException.of("daytime", daytime, new BindException("Permission denied"));

        assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
        assertThat(e.getMessage()).startsWith("cannot serve daytime on tcp 127.0.0.1:13: ")
                .contains("CAP_NET_BIND_SERVICE").contains("1024");
        assertThat(e.getCause()).isInstanceOf(BindException.class);
    }

    @Test
    void unknownFailureGivesTheSystemsOwnWords() {
        Endpoint endpoint = Endpoint.tcp(new InetSocketAddress(LOOPBACK, 4000));

        CannotBindException e = CannotBindException.of("hello", endpoint, new IOException("Protocol not supported"));

        assertThat(e.reason()).isEqualTo(Reason.OTHER);
        assertThat(e.getMessage()).isEqualTo("cannot serve hello on tcp 127.0.0.1:4000: Protocol not supported");
    }

    @Test
    void serverThatFailedToStartCannotBeStartedAgain() {
        Server server = Server.builder().stream("hello", TestServices.greeting(),
                Endpoint.tcp(new InetSocketAddress(LOOPBACK, 0))).build();
        server.start();
        try {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        } finally {
            server.stop();
        }
    }

    /** A port that was free a moment ago: bound to 0 and closed again. */
    private static int freePort() throws IOException {
        try (ServerSocketChannel probe = ServerSocketChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            return ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
    }
}
