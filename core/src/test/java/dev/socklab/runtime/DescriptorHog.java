package dev.socklab.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.socklab.testing.Await;
import dev.socklab.testing.RawClient;

/**
 * Run by {@link AcceptBackoffTest} in a JVM of its own, started with a low {@code ulimit -n}: serves
 * {@link TestServices#shout} on a loopback port and, on command from standard input, uses up every file
 * descriptor it may open, reports its accept thread's CPU time and state, and gives them back.
 * Commands: {@code exhaust}, {@code cpu}, {@code release}; each is answered with one line.
 */
final class DescriptorHog {
    /** Far above any {@code ulimit -n} the test sets: the loop ends at the limit, this only bounds it. */
    private static final int MAX_HELD = 100_000;

    private DescriptorHog() {
    }

    public static void main(String[] args) throws IOException {
        Server server = Server.builder().stream("hello", TestServices.shout(),
                Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))).build();
        server.start();
        Thread acceptor = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("hello/tcp accept")).findFirst().orElseThrow();
        // Loaded and asked once now: with no descriptor left, nothing new can be opened.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.getThreadCpuTime(acceptor.threadId());
        List<FileChannel> held = new ArrayList<>();
        Path devNull = Path.of("/dev/null");
        InetSocketAddress address = (InetSocketAddress) server.bindings().getFirst().endpoint().address();
        // Served once now, so that every class a connection needs is loaded: loading one from a
        // directory of classes takes a descriptor, and without one it would fail for good.
        try (RawClient warmUp = RawClient.connect(address)) {
            warmUp.send("warm up\n");
            warmUp.readLine(Duration.ofSeconds(10));
        }
        // Closed on the server's side too, so that no descriptor comes free after they are used up.
        Await.until(() -> server.openConnections() == 0, Duration.ofSeconds(10), "the warm-up connection is closed");
        System.out.println("port " + address.getPort());
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command) {
                case "exhaust" -> {
                    try {
                        while (held.size() < MAX_HELD) {
                            held.add(FileChannel.open(devNull));
                        }
                    } catch (IOException e) {
                        System.out.println("held " + held.size() + " (" + e.getMessage() + ")");
                    }
                }
                case "cpu" -> System.out.println("cpu " + threads.getThreadCpuTime(acceptor.threadId())
                        + " " + acceptor.getState());
                case "release" -> {
                    for (FileChannel channel : held) {
                        channel.close();
                    }
                    held.clear();
                    System.out.println("released");
                }
                default -> System.out.println("unknown command " + command);
            }
        }
        server.stop();
    }
}
