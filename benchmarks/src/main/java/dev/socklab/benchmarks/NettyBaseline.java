package dev.socklab.benchmarks;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

import dev.socklab.benchmarks.netty.BaselineOptions;
import dev.socklab.benchmarks.netty.BaselineServer;

/**
 * The Netty 4.1 server socklab is measured against: TCP echo, the greeting, and UDP echo, on two
 * event-loop threads over epoll where it is available.
 *
 * <pre>
 * NettyBaseline --bind 127.0.0.1 --echo PORT --hello PORT --udp-echo PORT
 * </pre>
 *
 * <p>Prints one line per listener ({@code netty echo tcp 127.0.0.1:40001}; port 0 prints the port
 * bound), then {@code ready}, and serves until SIGTERM or Ctrl-C, when it closes its listeners,
 * stops its event loops and prints {@code netty stopped}. Exit codes: 2 wrong command line, 3 could
 * not bind; stopped by a signal, the JVM's usual 128 + signal.
 */
public final class NettyBaseline {
    private NettyBaseline() {
    }

    /** Starts the baseline and serves until the JVM is told to stop. */
    public static void main(String[] args) throws InterruptedException {
        PrintStream out = System.out;
        BaselineOptions options;
        try {
            options = BaselineOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("netty-baseline: " + e.getMessage());
            System.err.println(BaselineOptions.USAGE);
            System.exit(2);
            return;
        }
        BaselineServer server;
        try {
            server = BaselineServer.start(options, out);
        } catch (BaselineServer.BindException e) {
            System.err.println("netty-baseline: " + e.getMessage());
            System.exit(3);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM runs the hooks; the JVM waits for them, so the loops stop before it exits.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            out.println("netty stopped");
            out.flush();
            stopped.countDown();
        }, "netty-baseline-stop"));
        out.println("ready");
        out.flush();
        stopped.await();
    }
}
