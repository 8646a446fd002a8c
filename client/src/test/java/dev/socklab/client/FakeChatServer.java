package dev.socklab.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.socklab.runtime.Endpoint;

/**
 * A small room on loopback, speaking the chat protocol's shapes, for testing the client without
 * the real service: a welcome on connect, every line back to everyone as
 * {@code [hh:mm:ss] <guest-N> text}, {@code /nick}, {@code /quit} with a goodbye and a close,
 * {@code /flood}, which the server answers by disconnecting the sender as a flooder, and
 * lines, warnings, raw bytes and resets sent on the test's cue.
 */
final class FakeChatServer implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ServerSocketChannel server;
    private final Path socketFile;
    private final boolean closesOnQuit;
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger guests = new AtomicInteger();

    private FakeChatServer(ServerSocketChannel server, Path socketFile, boolean closesOnQuit) {
        this.server = server;
        this.socketFile = socketFile;
        this.closesOnQuit = closesOnQuit;
        Thread.ofPlatform().daemon().name("fake-chat accept").start(this::acceptAll);
    }

    /** A room on {@code endpoint} (TCP on a loopback address and port 0, or a Unix socket file). */
    static FakeChatServer start(Endpoint endpoint) throws IOException {
        return start(endpoint, true);
    }

    /** A room that, like a server that knows no {@code /quit}, neither answers it nor closes at EOF. */
    static FakeChatServer ignoringQuit(Endpoint endpoint) throws IOException {
        return start(endpoint, false);
    }

    private static FakeChatServer start(Endpoint endpoint, boolean closesOnQuit) throws IOException {
        if (endpoint.address() instanceof UnixDomainSocketAddress unix) {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(unix);
            return new FakeChatServer(server, unix.getPath(), closesOnQuit);
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(endpoint.address());
        return new FakeChatServer(server, null, closesOnQuit);
    }

    /** Where it listens, with the real port. */
    Endpoint endpoint() throws IOException {
        return socketFile != null ? Endpoint.unix(socketFile)
                : Endpoint.tcp((InetSocketAddress) server.getLocalAddress());
    }

    /** Every line the clients sent, in the order they came. */
    List<String> received() {
        return List.copyOf(received);
    }

    /** How many clients are connected. */
    int members() {
        return members.size();
    }

    /** Sends {@code text} to everyone, with the time before it and CRLF after it. */
    void say(String text) {
        members.forEach(member -> member.send(stamped(text)));
    }

    /** Sends {@code bytes} to everyone as they are. */
    void sendRaw(byte[] bytes) {
        members.forEach(member -> member.write(bytes));
    }

    /** Tells everyone {@code !! reason} and closes them, as the server does to a member it disconnects. */
    void disconnectAll(String reason) {
        members.forEach(member -> {
            member.send(stamped("!! " + reason));
            member.close();
        });
    }

    /** Closes everyone without a word. */
    void closeAll() {
        members.forEach(Member::close);
    }

    /** Resets every connection: SO_LINGER 0, then close, sends RST. */
    void resetAll() {
        members.forEach(Member::reset);
    }

    @Override
    public void close() throws IOException {
        server.close();
        closeAll();
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }

    private static String stamped(String text) {
        return "[" + LocalTime.now().format(TIME) + "] " + text;
    }

    private void acceptAll() {
        try {
            while (true) {
                SocketChannel client = server.accept();
                Member member = new Member(client, "guest-" + guests.incrementAndGet());
                members.add(member);
                member.send(stamped("-- welcome to socklab chat, " + member.nick + ": /help lists the commands"));
                Thread.ofPlatform().daemon().name("fake-chat " + member.nick).start(() -> talk(member));
            }
        } catch (IOException e) {
            // Closed by the test: no more clients.
        }
    }

    private void talk(Member member) {
        // Not closed when done: closing the reader would close the channel, which a room that ignores /quit keeps open.
        BufferedReader lines = new BufferedReader(Channels.newReader(member.channel, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                received.add(line);
                if (line.startsWith("/nick ")) {
                    String old = member.nick;
                    member.nick = line.substring(6);
                    say("-- " + old + " is now " + member.nick);
                } else if (line.equals("/flood")) {
                    member.send(stamped("!! disconnected: flooding"));
                    break;
                } else if (line.startsWith("/quit")) {
                    if (closesOnQuit) {
                        say("-- " + member.nick + " left lobby (quit)");
                        break;
                    }
                } else {
                    say("<" + member.nick + "> " + line);
                }
            }
        } catch (IOException e) {
            // The member is gone, or the test closed it.
        }
        if (closesOnQuit) {
            members.remove(member);
            member.close();
        }
    }

    /** One connected client; writes from the test and from the room are serialised. */
    private static final class Member {
        final SocketChannel channel;
        volatile String nick;

        Member(SocketChannel channel, String nick) {
            this.channel = channel;
            this.nick = nick;
        }

        void send(String line) {
            write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        synchronized void write(byte[] bytes) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                // Gone: the room goes on without it.
            }
        }

        synchronized void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing is all that was asked.
            }
        }

        synchronized void reset() {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            } catch (IOException e) {
                // Already gone.
            }
        }
    }
}
