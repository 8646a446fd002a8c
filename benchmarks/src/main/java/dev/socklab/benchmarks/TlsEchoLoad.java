package dev.socklab.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.benchmarks.tls.EchoLoad;
import dev.socklab.benchmarks.tls.EchoLoadReport;
import dev.socklab.text.Durations;

/**
 * The TLS comparison's echo load generator: C connections over the JDK's {@code SSLSocket}, each
 * writing a chunk (64 KiB) and reading it back, for a warm-up and then a counted window bounded in
 * time and round trips. Prints one line of JSON ({@link EchoLoadReport}). Exit codes: 0 every
 * connection ran to the end, 1 one failed, 2 a wrong command line.
 */
@Command(name = "TlsEchoLoad", sortOptions = false,
        description = {"Loads a TLS echo server with 64 KiB round trips, for the TLS comparison.", ""})
public final class TlsEchoLoad implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "ADDR", description = "The server's address (default: 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "The server's port.")
    int port;

    @Option(names = "--ca", paramLabel = "FILE", required = true, description = "The certificate to trust, PEM.")
    Path ca;

    @Option(names = "--protocol", paramLabel = "P", description = "TLSv1.3 (the default) or TLSv1.2.")
    String protocol = "TLSv1.3";

    @Option(names = "--connections", paramLabel = "C", description = "Connections at once (default: 1).")
    int connections = 1;

    @Option(names = "--chunk", paramLabel = "BYTES", description = "Bytes a round trip (default: 65536).")
    int chunk = 64 * 1024;

    @Option(names = "--warmup", paramLabel = "D", converter = DurationText.class,
            description = "Uncounted load first (default: 2s).")
    Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--duration", paramLabel = "D", converter = DurationText.class,
            description = "The counted window at most (default: 5s).")
    Duration duration = Duration.ofSeconds(5);

    @Option(names = "--max-round-trips", paramLabel = "N",
            description = "Round trips counted at most (default: 10000000).")
    long maxRoundTrips = 10_000_000;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Runs the load and prints its report. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TlsEchoLoad()).execute(args));
    }

    @Override
    public Integer call() throws IOException, GeneralSecurityException, InterruptedException {
        if (connections < 1 || chunk < 1 || maxRoundTrips < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--connections, --chunk and --max-round-trips take 1 or more");
        }
        EchoLoadReport report = new EchoLoad(new InetSocketAddress(host, port), ca, protocol, connections, chunk)
                .run(warmup, duration, maxRoundTrips);
        System.out.println(JsonMapper.builder().build().writeValueAsString(report));
        return report.failures() == 0 ? 0 : 1;
    }

    /** A duration as socklab writes them: {@code 5s}, {@code 1.5s}, {@code 500ms}. */
    static final class DurationText implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
