package dev.socklab.benchmarks;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import dev.socklab.benchmarks.netty.BaselineOptions;
import dev.socklab.benchmarks.netty.BaselineServer;

/**
 * The Netty 4.1 server socklab is measured against: TCP echo, the greeting, UDP echo, and TCP echo
 * over TLS, on two event-loop threads over epoll where it is available.
 *
 * <pre>
 * NettyBaseline --bind 127.0.0.1 --echo PORT --hello PORT --udp-echo PORT
 * NettyBaseline --tls-echo PORT --tls-cert cert.pem --tls-key key.pem
 * </pre>
 *
 * <p>Prints one line per listener ({@code netty echo tcp 127.0.0.1:40001}; port 0 prints the port
 * bound), then {@code ready}, and serves until SIGTERM or Ctrl-C, when it closes its listeners,
 * stops its event loops and prints {@code netty stopped}. Exit codes: 2 wrong command line, 3 could
 * not bind, 4 the TLS files cannot be used; stopped by a signal, the JVM's usual 128 + signal.
 */
@Command(name = "NettyBaseline", sortOptions = false,
        description = {"Serves echo (TCP, UDP, TLS) and the greeting with Netty 4.1, as the",
                "baseline.",
                "At least one service must be given a port; 0 takes any free one.", ""},
        footer = {"", "Exit codes: 2 a wrong command line, 3 a listener could not bind, 4 the TLS",
                "files cannot be used."})
public final class NettyBaseline implements Callable<Integer> {
    /** A listener could not bind. */
    static final int CANNOT_BIND = 3;
    /** The TLS echo's certificate or key could not be read. */
    static final int CANNOT_SERVE_TLS = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    BaselineOptions options;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Starts the baseline and serves until the JVM is told to stop. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new NettyBaseline()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        if (options.servesNothing()) {
            throw new ParameterException(spec.commandLine(), "no service to serve: give --echo, --hello or --udp-echo a port");
        }
        if (options.tlsEcho().isPresent() && options.tlsFiles().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--tls-echo needs --tls-cert FILE and --tls-key FILE");
        }
        PrintStream out = System.out;
        BaselineServer server;
        try {
            server = BaselineServer.start(options, out);
        } catch (BaselineServer.BindException e) {
            spec.commandLine().getErr().println("netty-baseline: " + e.getMessage());
            return CANNOT_BIND;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("netty-baseline: " + e.getMessage());
            return CANNOT_SERVE_TLS;
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
        return 0;
    }
}
