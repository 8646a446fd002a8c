package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.client.LookupClient;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;

/**
 * {@code socklab arp} and {@code socklab rarp}: one lookup at a time, each waiting for its answer
 * before the next, because a lab server reads raw 1024-byte chunks and pipelined requests would
 * merge into one.
 */
abstract class LookupCommand implements Callable<Integer>, ServerText.Printer {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "[HOST PORT] ADDRESS",
            description = "The server, as HOST and a PORT number (without them: localhost), then the addresses to"
                    + " look up; with none, they are read from standard input, one a line.")
    List<String> words = new ArrayList<>();

    @Mixin
    ClientOptions options;

    @Mixin
    UdpOption transport;

    /** How the server's answers are printed: made visible when standard output is a terminal. */
    ServerText serverText = ServerText.forStandardOutput();

    @Override
    public void serverText(ServerText how) {
        serverText = how;
    }

    /** The service's name: arp or rarp. */
    abstract String service();

    @Override
    public Integer call() throws IOException {
        Words parsed = Words.of(words, ServerAddress.defaultPort(service()));
        // Standard input is read a line at a time, as the lookups go: it may be longer than memory.
        Iterable<String> requests = parsed.requests().isEmpty() ? standardInput() : parsed.requests();
        PrintWriter out = spec.commandLine().getOut();
        Duration timeout = options.timeout;
        ServerText shown = serverText;
        return options.talk(Host.parse(parsed.host()), parsed.port(), service(), transport.udp,
                conn -> lookUp(requests, out, shown, request -> LookupClient.lookup(conn, request, timeout)),
                client -> lookUp(requests, out, shown, request -> LookupClient.lookup(client, request, timeout)));
    }

    /**
     * The words of the command line, sorted: the server comes first only as HOST and a PORT number,
     * because an IP address is also a request, and one meant as a request must never become the
     * address connected to.
     *
     * @param requests the addresses to look up; empty when they are to be read from standard input
     */
    record Words(String host, int port, List<String> requests) {
        static Words of(List<String> words, int defaultPort) {
            if (words.size() >= 2 && isPortNumber(words.get(1))) {
                return new Words(words.get(0), Ports.parse(words.get(1)), words.subList(2, words.size()));
            }
            return new Words("localhost", defaultPort, words);
        }

        /** Digits alone. An IPv4 address written as one decimal number is taken for a port here: write it dotted. */
        private static boolean isPortNumber(String word) {
            return !word.isEmpty() && word.length() <= 5 && word.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }

    /** One request's answer. */
    @FunctionalInterface
    private interface Lookup {
        String answer(String request) throws IOException;
    }

    /** Prints each request and its answer, a line each; on a terminal both made visible, as a request may come from a file. */
    private static int lookUp(Iterable<String> requests, PrintWriter out, ServerText shown, Lookup lookup)
            throws IOException {
        for (String request : requests) {
            out.println(shown.shown(request + " -> " + lookup.answer(request)));
            out.flush();
        }
        return ExitCode.OK.code;
    }

    private static Iterable<String> standardInput() {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return () -> in.lines().map(String::strip).filter(line -> !line.isEmpty()).iterator();
    }

    /** {@code socklab arp}. */
    @Command(name = "arp", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
            description = "Asks an arp server for the hardware address of each IP address.",
            footer = {"", "Examples:",
                    "  socklab arp 10.0.0.1                       from localhost, port 10001",
                    "  socklab arp 127.0.0.1 10001 10.0.0.1 fe80::1",
                    "  printf '10.0.0.1\\n10.0.0.2\\n' | socklab arp"})
    static final class Arp extends LookupCommand {
        @Override
        String service() {
            return "arp";
        }
    }

    /** {@code socklab rarp}. */
    @Command(name = "rarp", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
            description = "Asks a rarp server for the IP addresses of each hardware address.",
            footer = {"", "Examples:",
                    "  socklab rarp 0A:0B:0C:0D                   from localhost, port 10002",
                    "  socklab rarp 127.0.0.1 10002 00-1A-2B-3C-4D-5E --udp"})
    static final class Rarp extends LookupCommand {
        @Override
        String service() {
            return "rarp";
        }
    }
}
