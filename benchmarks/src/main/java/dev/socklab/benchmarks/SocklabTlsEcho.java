package dev.socklab.benchmarks;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Binding;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.services.echo.EchoService;
import dev.socklab.tls.ServerTls;

/**
 * socklab's echo service on a TLS endpoint, in socklab's own runtime with its defaults, as
 * {@code socklab serve echo:PORT/tls --tls-cert FILE --tls-key FILE} serves it: the TLS comparison's
 * socklab until that command line exists. Run with socklab's build first on the class path, so that
 * its logging (a line per connection) is socklab's own.
 *
 * <p>Prints {@code socklab echo tls 127.0.0.1:40001} (port 0 prints the port bound), the I/O
 * engine's line, then {@code ready}, and serves until SIGTERM, when it stops the server and prints
 * {@code socklab stopped}. Exit codes: 2 a wrong command line; a failure to bind or to read the
 * files ends it with the JVM's 1 and the reason.
 */
@Command(name = "SocklabTlsEcho", sortOptions = false,
        description = {"Serves socklab's echo over TLS in socklab's runtime, for the TLS comparison.", ""})
public final class SocklabTlsEcho implements Callable<Integer> {
    @Option(names = "--bind", paramLabel = "ADDR", description = "The address to listen on (default: 127.0.0.1).")
    String bind = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "The port; 0 (the default) takes any free one.")
    int port;

    @Option(names = "--tls-cert", paramLabel = "FILE", required = true, description = "The certificate chain, PEM.")
    Path certificate;

    @Option(names = "--tls-key", paramLabel = "FILE", required = true, description = "Its private key, PEM.")
    Path key;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Starts the server and serves until the JVM is told to stop. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SocklabTlsEcho()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = System.out;
        Server server = Server.builder()
                .tls(ServerTls.load(new ServerTls.KeyFiles(certificate, key, Optional.empty())))
                .stream("echo", new EchoService(), Endpoint.tls(new InetSocketAddress(bind, port)))
                .build();
        server.start();
        for (Binding b : server.bindings()) {
            out.println("socklab " + b.service() + " " + b.endpoint().label() + " "
                    + SocketAddresses.format(b.endpoint().address()));
        }
        out.println("I/O engine: " + server.ioEngine());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            out.println("socklab stopped");
            out.flush();
        }, "socklab-tls-echo-stop"));
        out.println("ready");
        out.flush();
        server.awaitStopped();
        return 0;
    }
}
