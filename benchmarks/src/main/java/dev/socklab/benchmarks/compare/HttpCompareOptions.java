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

/** The HTTP comparison's options, read by picocli into the command that mixes them in; each checked as it is read. */
public final class HttpCompareOptions {
    @Option(names = "--duration", paramLabel = "D", converter = CompareOptions.RunDuration.class,
            description = "About how long each measured run lasts, 1s or more: h2load gets as many requests as the"
                    + " server answered in that time in its warm-up (default: 5s).")
    private Duration duration = Duration.ofSeconds(5);

    @Option(names = "--warmup", paramLabel = "D", converter = CompareOptions.RunDuration.class,
            description = "About how long each server warms up on each case before it is measured, 1s or more:"
                    + " a JVM's JIT needs seconds of load to compile its request path (default: 5s).")
    private Duration warmup = Duration.ofSeconds(5);

    @Option(names = "--rounds", paramLabel = "N", converter = CompareOptions.Rounds.class,
            description = "Rounds, each server in turn in each (default: 3).")
    private int rounds = 3;

    @Option(names = "--servers", paramLabel = "LIST", split = ",", converter = Server.class,
            description = "The servers to run: socklab, jwebserver, python, busybox, nginx (default: all).")
    private Set<HttpServer> servers = new LinkedHashSet<>(List.of(HttpServer.values()));

    @Mixin
    private ReportOptions report = new ReportOptions();

    /** About how long each measured run lasts. */
    Duration duration() {
        return duration;
    }

    /** About how long each warm-up lasts. */
    Duration warmup() {
        return warmup;
    }

    int rounds() {
        return rounds;
    }

    /** The servers asked for, in the running order of {@link HttpServer}. */
    List<HttpServer> servers() {
        return Arrays.stream(HttpServer.values()).filter(servers::contains).toList();
    }

    /** The checkout it runs and where it writes its report. */
    ReportOptions report() {
        return report;
    }

    /** A server by the first word of its label, in any case: {@code python} for python http.server. */
    static final class Server implements ITypeConverter<HttpServer> {
        @Override
        public HttpServer convert(String text) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(HttpServer.values()).filter(s -> s.label().split(" ")[0].equals(name)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown server '" + text.strip() + "': choose from "
                            + String.join(", ", Arrays.stream(HttpServer.values()).map(s -> s.label().split(" ")[0]).toList())));
        }
    }
}
