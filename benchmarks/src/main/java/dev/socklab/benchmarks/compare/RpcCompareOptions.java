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

/** The RPC comparison's options, read by picocli into the command that mixes them in; each checked as it is read. */
public final class RpcCompareOptions {
    /** The most connections a row may have: a Python server takes a thread for each. */
    static final int MAX_CONNECTIONS = 1000;

    @Option(names = "--duration", paramLabel = "D", converter = CompareOptions.RunDuration.class,
            description = "How long each run counts, 1s or more (default: 5s).")
    private Duration duration = Duration.ofSeconds(5);

    @Option(names = "--warmup", paramLabel = "D", converter = CompareOptions.RunDuration.class,
            description = "How long each run goes before it counts, 1s or more: a JVM's JIT needs seconds of load"
                    + " (default: 2s).")
    private Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--rounds", paramLabel = "N", converter = CompareOptions.Rounds.class,
            description = "Rounds, each server in turn in each; the table gives the medians (default: 3).")
    private int rounds = 3;

    @Option(names = {"-c", "--connections"}, paramLabel = "C", converter = Connections.class,
            description = "Connections of every run, each a call at a time: the concurrency compared (default: 10).")
    private int connections = 10;

    @Option(names = "--size", paramLabel = "BYTES", converter = Size.class,
            description = "The call: 0 for add(2,3), else echo of BYTES (default: 0).")
    private int size;

    @Option(names = "--servers", paramLabel = "LIST", split = ",", converter = Server.class,
            description = "The servers to run: socklab, python-xmlrpc, python-jsonrpc-tcp, python-jsonrpc-http"
                    + " (default: all).")
    private Set<RpcServer> servers = new LinkedHashSet<>(List.of(RpcServer.values()));

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

    int connections() {
        return connections;
    }

    int size() {
        return size;
    }

    /** The servers asked for, in the running order of {@link RpcServer}. */
    List<RpcServer> servers() {
        return Arrays.stream(RpcServer.values()).filter(servers::contains).toList();
    }

    /** The checkout it runs and where it writes its report. */
    ReportOptions report() {
        return report;
    }

    /** A count of connections: 1 to {@link #MAX_CONNECTIONS}. */
    static final class Connections implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return whole(text, 1, MAX_CONNECTIONS, "--connections takes a whole number from 1 to " + MAX_CONNECTIONS);
        }
    }

    /** The call's size: 0 for add, else echo's bytes, up to what socklab bench sends. */
    static final class Size implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return whole(text, 0, 65_536, "--size takes 0 (add) or the bytes of echo, up to 65536");
        }
    }

    private static int whole(String text, int min, int max, String rule) {
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException(rule + ", not '" + text + "'");
    }

    /** A server by its label, in any case. */
    static final class Server implements ITypeConverter<RpcServer> {
        @Override
        public RpcServer convert(String text) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(RpcServer.values()).filter(s -> s.label().equals(name)).findFirst()
                    .orElseThrow(() -> new TypeConversionException("unknown server '" + text.strip() + "': choose from "
                            + String.join(", ", Arrays.stream(RpcServer.values()).map(RpcServer::label).toList())));
        }
    }
}
