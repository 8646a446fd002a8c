package dev.socklab.benchmarks.compare;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The TLS comparison's options, read by picocli into the command that mixes them in; each checked as it is read. */
public final class TlsCompareOptions {
    @Option(names = "--duration", paramLabel = "D", converter = CompareOptions.RunDuration.class,
            description = "How long each measured run lasts, 1s or more; s_time counts whole seconds, so it is"
                    + " rounded up for the handshakes (default: 5s).")
    private Duration duration = Duration.ofSeconds(5);

    @Option(names = "--warmup", paramLabel = "D", converter = CompareOptions.RunDuration.class,
            description = "How long each server is loaded on each case before it is measured, 1s or more: a"
                    + " JVM's JIT needs seconds to compile its TLS path (default: 5s).")
    private Duration warmup = Duration.ofSeconds(5);

    @Option(names = "--rounds", paramLabel = "N", converter = CompareOptions.Rounds.class,
            description = "Rounds, each server in turn in each (default: 3).")
    private int rounds = 3;

    @Option(names = "--servers", paramLabel = "LIST", split = ",", converter = Server.class,
            description = "The servers to run: socklab, netty, nginx (default: all).")
    private Set<TlsServer> servers = new LinkedHashSet<>(List.of(TlsServer.values()));

    @Mixin
    private ReportOptions report = new ReportOptions();

    Duration duration() {
        return duration;
    }

    Duration warmup() {
        return warmup;
    }

    int rounds() {
        return rounds;
    }

    /** The servers asked for, in the running order of {@link TlsServer}. */
    List<TlsServer> servers() {
        return Arrays.stream(TlsServer.values()).filter(servers::contains).toList();
    }

    /** The checkout it runs and where it writes its report. */
    ReportOptions report() {
        return report;
    }

    /** A server by its label, in any case. */
    static final class Server implements ITypeConverter<TlsServer> {
        @Override
        public TlsServer convert(String text) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(TlsServer.values()).filter(s -> s.label().equals(name)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown server '" + text.strip() + "': choose from "
                            + String.join(", ", Arrays.stream(TlsServer.values()).map(TlsServer::label).toList())));
        }
    }
}
