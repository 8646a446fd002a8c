package dev.socklab.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;

/**
 * The socket inetd or systemd passed on standard input, moved out of the JDK's inherited channel
 * ({@link System#inheritedChannel()}) into a channel the JDK opened itself, of the socket's
 * family. The inherited channels have two flaws for a server: closing one points standard output
 * and error at {@code /dev/null} (meant for inetd's nowait mode, where they are the socket), which
 * would swallow the server's last lines as it stops; and a UDP one is taken for IPv6 wherever the
 * machine has IPv6, so that an IPv4 socket cannot send ({@code sendto} fails with
 * {@code EAFNOSUPPORT}). The new channel is bound to a placeholder first, since the JDK serves only
 * a channel it saw bound, then made to hold the inherited socket by {@code dup2}; the inherited
 * channel stays open, unused, as the JDK keeps it.
 *
 * <p>The socket outlives the server's descriptor (systemd keeps it open to start the next
 * instance), so closing that descriptor does not take a listening socket out of its carrier's
 * epoll set: a client that connects during the shutdown grace raises an event on a freed slot,
 * which is dropped, or on a slot taken since, whose socket wakes once for nothing and waits again.
 */
public final class InheritedChannels {
    private static final MethodHandle DUP2 = dup2();
    /**
     * The channel the inherited socket was moved to, once moved: a reload prepares the server's endpoints
     * again, and must find the same socket, not take a second descriptor for it.
     */
    private static SelectableChannel movedTo;

    private InheritedChannels() {
    }

    private static MethodHandle dup2() {
        try {
            return Epoll.function("dup2", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT));
        } catch (RuntimeException e) {
            return null; // not Linux, or no native access: the inherited channel is served as it is
        }
    }

    /**
     * A channel of the JDK's own on the listening socket of {@code inherited}, if that is the
     * process's inherited channel and the descriptors can be had; else {@code inherited} itself.
     */
    public static synchronized ServerSocketChannel listening(ServerSocketChannel inherited) throws IOException {
        if (!movable(inherited)) {
            return inherited;
        }
        if (movedTo instanceof ServerSocketChannel done) {
            return done;
        }
        ProtocolFamily family = family(inherited.getLocalAddress());
        ServerSocketChannel own = ServerSocketChannel.open(family);
        try {
            own.bind(placeholder(family), 1);
            return remember(moved(inherited, own));
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /**
     * As {@link #listening}, for a UDP socket.
     *
     * @throws IOException if it is the process's inherited IPv4 socket, which cannot be moved here
     *     and which the JDK's inherited channel cannot send from
     */
    public static synchronized DatagramChannel datagram(DatagramChannel inherited) throws IOException {
        ProtocolFamily family = family(inherited.getLocalAddress());
        if (!movable(inherited)) {
            if (family == StandardProtocolFamily.INET && inherited == System.inheritedChannel()) {
                throw new IOException("the JDK cannot send from an inherited IPv4 UDP socket, and socklab cannot"
                        + " move it to a channel that can: " + ChannelFd.unavailable().orElse("libc's dup2 cannot be"
                        + " called here (run java with --enable-native-access=ALL-UNNAMED)"));
            }
            return inherited;
        }
        if (movedTo instanceof DatagramChannel done) {
            return done;
        }
        DatagramChannel own = DatagramChannel.open(family);
        try {
            own.bind(placeholder(family));
            return remember(moved(inherited, own));
        } catch (IOException | RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Remembers the one channel the process's inherited socket was moved to. */
    private static <C extends SelectableChannel> C remember(C own) {
        movedTo = own;
        return own;
    }

    private static boolean movable(SelectableChannel channel) throws IOException {
        return DUP2 != null && ChannelFd.unavailable().isEmpty() && channel == System.inheritedChannel();
    }

    /** {@code own}, bound to its placeholder, made to hold the inherited socket instead; the placeholder is gone. */
    private static <C extends SelectableChannel & NetworkChannel> C moved(SelectableChannel inherited, C own)
            throws IOException {
        SocketAddress placeholder = own.getLocalAddress();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Epoll.callState(arena);
            int result;
            try {
                result = (int) DUP2.invokeExact(state, ChannelFd.of(inherited), ChannelFd.of(own));
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
            if (result < 0) {
                throw new IOException("dup2 failed: errno " + Epoll.errno(state));
            }
        } finally {
            if (placeholder instanceof UnixDomainSocketAddress unix) {
                Files.deleteIfExists(unix.getPath());
            }
        }
        return own;
    }

    private static ProtocolFamily family(SocketAddress local) {
        return switch (local) {
            case UnixDomainSocketAddress unix -> StandardProtocolFamily.UNIX;
            case InetSocketAddress inet when inet.getAddress() instanceof Inet6Address -> StandardProtocolFamily.INET6;
            default -> StandardProtocolFamily.INET;
        };
    }

    /** Where a placeholder binds for a moment: loopback, any port; for a Unix socket, a name the JDK picks. */
    private static SocketAddress placeholder(ProtocolFamily family) throws IOException {
        if (family == StandardProtocolFamily.UNIX) {
            return null;
        }
        byte[] loopback = family == StandardProtocolFamily.INET6 ? new byte[16] : new byte[] {127, 0, 0, 0};
        loopback[loopback.length - 1] = 1;
        return new InetSocketAddress(InetAddress.getByAddress(loopback), 0);
    }
}
