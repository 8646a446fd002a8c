package dev.socklab.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import dev.socklab.net.SocketAddresses;

/**
 * Bench results written for people (a table and notes) and for programs (JSON and CSV).
 *
 * <h2>JSON</h2>
 * {@link #json} writes an array with one object per run, in the order run, with exactly these keys:
 * <table>
 *   <caption>The keys of a run</caption>
 *   <tr><th>key</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>workload</td><td>string</td><td>{@code pingpong}, {@code stream}, {@code connect}, {@code udp}, {@code idle},
 *       {@code chat}, {@code http} or {@code rpc}</td></tr>
 *   <tr><td>connections</td><td>integer</td><td>connections (udp: sockets) at once; idle: how many were asked for;
 *       chat: the members of the room</td></tr>
 *   <tr><td>size</td><td>integer</td><td>message, chunk, datagram or chat line bytes; 0 for connect and idle, which
 *       send nothing, and for http, which sends its request</td></tr>
 *   <tr><td>seconds</td><td>number</td><td>how long the run counted, after the warm-up; idle: how long it held</td></tr>
 *   <tr><td>operations</td><td>integer</td><td>round trips (pingpong, udp), chunks echoed (stream), connections
 *       completed (connect), connections held at the end (idle), messages delivered to members (chat), responses
 *       (http), calls answered (rpc)</td></tr>
 *   <tr><td>ops_per_second</td><td>number</td><td>operations over seconds; idle: connections opened per second while opening</td></tr>
 *   <tr><td>bytes_per_second</td><td>number</td><td>echoed (connect: greeting; chat: message lines; http: response body;
 *       rpc: reply payload)
 *       bytes received per second</td></tr>
 *   <tr><td>latency_us</td><td>object</td><td>{@code {"p50", "p99", "p999", "max"}}, microseconds, the percentiles
 *       each within 1%, the longest exact; null
 *       values when no operation completed; chat: from a message's send to each member's receipt</td></tr>
 *   <tr><td>errors</td><td>integer</td><td>failed operations of every kind (refused, reset, closed early, timed out,
 *       warned by the server ...); chat counts them from the start, while its members get into the room and warm up,
 *       too</td></tr>
 *   <tr><td>lost</td><td>integer</td><td>datagrams with no echo within {@code --udp-timeout} (udp; 0 otherwise)</td></tr>
 *   <tr><td>load_cpu</td><td>number</td><td>CPU the generator's threads used over their wall time, 0 to 1</td></tr>
 *   <tr><td>load_bound</td><td>boolean</td><td>load_cpu of 0.9 or more: the numbers measure the generator, not the server</td></tr>
 *   <tr><td>server_bytes_per_connection</td><td>number or null</td><td>idle with {@code --server-pid}: the server's
 *       resident memory growth over the held connections; null when not measured</td></tr>
 *   <tr><td>senders</td><td>integer</td><td>chat: the members that sent; 0 for the other workloads</td></tr>
 * </table>
 * {@link #csv} writes the same fields, one row a run, with {@code latency_us} flattened to
 * {@code latency_p50_us, latency_p99_us, latency_p999_us, latency_max_us} and null written as an empty field.
 */
public final class BenchReport {
    /** The CSV columns, in order. */
    public static final List<String> CSV_HEADER = Arrays.stream(ReportColumn.values()).map(ReportColumn::csvName).toList();

    /** One object a line, {@code "key": value, ...}: a run reads, and greps, as one line. */
    static final ObjectWriter JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build()
            .writer().with(new DefaultPrettyPrinter()
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
                    .withSeparators(Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEntrySpacing(Separators.Spacing.AFTER)
                            .withArrayEmptySeparator("")));

    /** What to do when the chat server warned members: they are most likely its flood control's. */
    static final String CHAT_RATE_HINT = "a benchmark needs the chat server's flood control off (socklab serve chat "
            + "--chat-rate 0), or the senders are warned and disconnected as flooding";

    private BenchReport() {
    }

    /**
     * The human table: a header and one row a run, columns aligned; a memory column when idle measured
     * one. Chat's table counts members and their messages delivered a second, and has a senders column.
     */
    public static String table(List<BenchResult> results) {
        boolean chat = results.stream().anyMatch(r -> r.workload() == Workload.CHAT);
        boolean memory = results.stream().anyMatch(r -> r.serverBytesPerConnection().isPresent());
        List<ReportColumn> shown = ReportColumn.TABLE.stream()
                .filter(c -> c != ReportColumn.SENDERS || chat)
                .filter(c -> c != ReportColumn.SERVER_BYTES_PER_CONNECTION || memory)
                .toList();
        List<List<String>> rows = new ArrayList<>();
        rows.add(shown.stream().map(c -> c.heading(chat)).toList());
        for (BenchResult r : results) {
            rows.add(shown.stream().map(c -> c.cell(r)).toList());
        }
        return aligned(rows);
    }

    /**
     * What the table cannot say, a sentence a line: errors by kind, what the chat server warned,
     * idle's hold, a saturated generator.
     */
    public static List<String> notes(List<BenchResult> results) {
        List<String> notes = new ArrayList<>();
        for (BenchResult r : results) {
            String unit = r.workload().countName();
            String run = r.workload().label() + " with " + r.connections() + " "
                    + (r.connections() == 1 ? unit.substring(0, unit.length() - 1) : unit);
            if (r.errors().total() > 0) {
                notes.add(run + ": errors: " + r.errors().describe());
            }
            r.serverWarning().ifPresent(warning -> notes.add(run + ": the server warned members, first with \""
                    + warning + "\"; " + CHAT_RATE_HINT));
            if (r.workload() == Workload.IDLE) {
                notes.add(run + ": held " + r.operations() + " of " + r.connections() + " for " + ReportColumn.fixed(r.seconds(), 1)
                        + " s" + r.serverBytesPerConnection().stream()
                                .mapToObj(b -> String.format(Locale.ROOT, "; the server's memory grew %.0f bytes a connection", b))
                                .findFirst().orElse(""));
            }
            if (r.loadBound()) {
                notes.add("load-bound: the load generator used " + Math.round(r.loadCpu() * 100) + "% of its "
                        + (r.threads() == 1 ? "core" : r.threads() + " cores") + " in " + run
                        + "; the numbers measure it, not the server");
            }
        }
        return notes;
    }

    /**
     * One sentence for a run that failed, with what the errors were and a hint: everything failed, or
     * (chat) the server warned its members.
     */
    public static String failure(BenchResult r) {
        String at = SocketAddresses.format(r.target());
        if (!r.failed() && r.warned()) {
            String counts = r.errors().total() > 0 ? r.errors().describe() + "; " : "";
            return "the chat server at " + at + " warned its members (" + counts + "first \""
                    + r.serverWarning().orElseThrow() + "\"), so the numbers measure its flood control, not its speed: "
                    + "start it with --chat-rate 0 to benchmark it";
        }
        String server = switch (r.workload().service()) {
            case "hello" -> "a greeting (hello) server";
            case "http" -> "an HTTP server, serving that path with the status asked for,";
            case "rpc" -> "an RPC server answering add and echo (JSON-RPC over TCP; over HTTP, POST /jsonrpc or, with"
                    + " --xml, XML-RPC's /RPC2)";
            default -> "an echo server";
        };
        return switch (r.workload()) {
            case CHAT -> "no message reached the " + r.connections() + " chat members at " + at + " ("
                    + r.errors().describe() + r.serverWarning().map(w -> "; the server said \"" + w + "\"").orElse("")
                    + "): is a chat server listening there, with room for " + r.connections()
                    + " members in a room and its flood control off (--chat-rate 0)?";
            case UDP -> "no datagram sent to " + at + " came back (" + r.lost() + " lost"
                    + (r.errors().total() > 0 ? ", " + r.errors().describe() : "") + "): is a UDP echo server listening there?";
            case IDLE -> "no connection to " + at + " could be held (" + r.errors().describe() + "): is a server listening there?";
            default -> "every " + r.workload().label() + " connection to " + at + " failed (" + r.errors().describe()
                    + "): is " + server + " listening there?";
        };
    }

    /** The JSON array described in the class comment, one object a line. */
    public static String json(List<BenchResult> results) {
        return JSON.writeValueAsString(results.stream().map(ReportColumn::fields).toList());
    }

    /** The CSV: {@link #CSV_HEADER}, then a row a run. */
    public static String csv(List<BenchResult> results) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (BenchResult r : results) {
            out.append(Arrays.stream(ReportColumn.values()).map(c -> Objects.toString(c.value(r), ""))
                    .collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    static String aligned(List<List<String>> rows) {
        int columns = rows.getFirst().size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(row.get(c)).append(c == columns - 1 ? "" : " ".repeat(widths[c] - row.get(c).length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
