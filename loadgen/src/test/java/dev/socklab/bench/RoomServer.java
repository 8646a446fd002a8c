package dev.socklab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The least of a chat room, until socklab has its chat service: every connection is in one room;
 * a line not starting with {@code /} goes to every connection, its sender's too, as
 * {@code [HH:mm:ss] <guest-N> text}, in one order.
 */
final class RoomServer implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ServerSocket listener;
    private final List<Socket> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger guests = new AtomicInteger();

    RoomServer() throws IOException {
        listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    private void accept() {
        try {
            while (true) {
                Socket member = listener.accept();
                members.add(member);
                Thread.ofVirtual().start(() -> serve(member, "guest-" + guests.incrementAndGet()));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket member, String nick) {
        try (member; BufferedReader in = new BufferedReader(new InputStreamReader(member.getInputStream(),
                StandardCharsets.UTF_8))) {
            send(member, "-- welcome to socklab chat, " + nick);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("/")) {
                    broadcast("<" + nick + "> " + line);
                }
            }
        } catch (IOException e) {
            // the member left
        } finally {
            members.remove(member);
        }
    }

    private synchronized void broadcast(String text) {
        for (Socket member : members) {
            try {
                send(member, text);
            } catch (IOException e) {
                // that member is leaving
            }
        }
    }

    private static void send(Socket member, String text) throws IOException {
        OutputStream out = member.getOutputStream();
        synchronized (out) {
            out.write(("[" + LocalTime.now().format(TIME) + "] " + text + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket member : members) {
            member.close();
        }
    }
}
