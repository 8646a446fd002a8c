package dev.socklab.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import dev.socklab.net.SocketAddresses;

/**
 * {@code bench arena} results written for people (a table and notes) and for programs (JSON and CSV).
 *
 * <h2>JSON</h2>
 * {@link #json} writes an array with one object per run, in the order run, with exactly these keys:
 * <table>
 *   <caption>The keys of a run</caption>
 *   <tr><th>key</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>bots</td><td>integer</td><td>bot players asked for</td></tr>
 *   <tr><td>joined</td><td>integer</td><td>bots the server welcomed</td></tr>
 *   <tr><td>seconds</td><td>number</td><td>how long the run counted, after the warm-up</td></tr>
 *   <tr><td>tick_rate, snapshot_rate</td><td>integer</td><td>as the WELCOME said, a second; 0 if no bot joined</td></tr>
 *   <tr><td>players</td><td>integer</td><td>the most players in the arena a snapshot reported</td></tr>
 *   <tr><td>tick_time_us</td><td>object</td><td>{@code {"p50", "p99", "max"}}: the server's tick time from the
 *       snapshots, each tick once, microseconds; null values when no snapshot came</td></tr>
 *   <tr><td>tick_p99_share</td><td>number</td><td>tick p99 over the tick's length (33.3 ms at 30 Hz)</td></tr>
 *   <tr><td>snapshots_per_bot_per_second</td><td>number</td><td>snapshots each bot rebuilt a second</td></tr>
 *   <tr><td>snapshots, snapshots_lost</td><td>integer</td><td>snapshots the bots rebuilt, and snapshot numbers
 *       they skipped, while counting</td></tr>
 *   <tr><td>snapshot_loss</td><td>number</td><td>lost over lost and rebuilt, 0 to 1</td></tr>
 *   <tr><td>bytes_in_per_player_per_second</td><td>number</td><td>UDP payload a bot received a second
 *       (server to player)</td></tr>
 *   <tr><td>bytes_out_per_player_per_second</td><td>number</td><td>UDP payload a bot sent a second (player to
 *       server)</td></tr>
 *   <tr><td>round_trip_us</td><td>object</td><td>{@code {"p50", "p99"}}: from an input's send to the snapshot
 *       naming it as the last applied, less the server's hold, microseconds; null values when none</td></tr>
 *   <tr><td>join_failures</td><td>integer</td><td>bots refused, or not answered within {@code --timeout}</td></tr>
 *   <tr><td>undecodable</td><td>integer</td><td>packets from the server that could not be read, and snapshots
 *       that could not be rebuilt on their baseline</td></tr>
 *   <tr><td>warnings</td><td>integer</td><td>WARNINGs the server sent the bots</td></tr>
 *   <tr><td>dropped</td><td>integer</td><td>bots the server sent LEAVE, or whose socket failed, while playing</td></tr>
 *   <tr><td>load_cpu</td><td>number</td><td>CPU the generator's threads used over their wall time, 0 to 1</td></tr>
 *   <tr><td>load_bound</td><td>boolean</td><td>load_cpu of 0.9 or more: the numbers measure the generator</td></tr>
 *   <tr><td>server_cpu</td><td>number or null</td><td>with {@code --server-pid}: the CPU the server used over the
 *       counted part, in cores (1.0: one core busy throughout); null when not measured</td></tr>
 *   <tr><td>conditions</td><td>string</td><td>what the network did to the bots' datagrams: {@code none}, or
 *       such as {@code lag 50ms, loss 5%}</td></tr>
 * </table>
 * {@link #csv} writes the same fields, one row a run, the objects flattened ({@code tick_time_p50_us},
 * {@code round_trip_p99_us}) and null written as an empty field.
 */
public final class ArenaReport {
    private static final List<Column> COLUMNS = List.of(
            new Column("bots", ArenaResult::bots, "bots", r -> Integer.toString(r.bots())),
            new Column("joined", ArenaResult::joined, "joined", r -> Long.toString(r.joined())),
            new Column("seconds", r -> number(r.seconds(), 3), null, null),
            new Column("tick_rate", ArenaResult::tickRate, null, null),
            new Column("snapshot_rate", ArenaResult::snapshotRate, null, null),
            new Column("players", ArenaResult::players, null, null),
            new Column("tick_time_us", "p50", r -> micros(r.tickTime(), Latency::p50), "tick p50 us",
                    r -> cell(r.tickTime(), Latency::p50)),
            new Column("tick_time_us", "p99", r -> micros(r.tickTime(), Latency::p99), "tick p99 us",
                    r -> cell(r.tickTime(), Latency::p99)),
            new Column("tick_time_us", "max", r -> micros(r.tickTime(), Latency::max), "tick max us",
                    r -> cell(r.tickTime(), Latency::max)),
            new Column("tick_p99_share", r -> number(r.tickP99Share(), 3), "p99/tick",
                    r -> ReportColumn.fixed(100 * r.tickP99Share(), 1) + "%"),
            new Column("snapshots_per_bot_per_second", r -> number(r.snapshotsPerBotPerSecond(), 2), "snaps/s",
                    r -> ReportColumn.fixed(r.snapshotsPerBotPerSecond(), 1)),
            new Column("snapshots", ArenaResult::snapshots, null, null),
            new Column("snapshots_lost", ArenaResult::snapshotsLost, null, null),
            new Column("snapshot_loss", r -> number(r.snapshotLoss(), 5), "loss",
                    r -> ReportColumn.fixed(100 * r.snapshotLoss(), 2) + "%"),
            new Column("bytes_in_per_player_per_second", r -> number(r.bytesInPerPlayerPerSecond(), 1), "in B/s",
                    r -> ReportColumn.fixed(r.bytesInPerPlayerPerSecond(), 0)),
            new Column("bytes_out_per_player_per_second", r -> number(r.bytesOutPerPlayerPerSecond(), 1), "out B/s",
                    r -> ReportColumn.fixed(r.bytesOutPerPlayerPerSecond(), 0)),
            new Column("round_trip_us", "p50", r -> micros(r.roundTrip(), Latency::p50), "rtt p50 us",
                    r -> cell(r.roundTrip(), Latency::p50)),
            new Column("round_trip_us", "p99", r -> micros(r.roundTrip(), Latency::p99), "rtt p99 us",
                    r -> cell(r.roundTrip(), Latency::p99)),
            new Column("join_failures", ArenaResult::joinFailureCount, "join failures",
                    r -> Long.toString(r.joinFailureCount())),
            new Column("undecodable", ArenaResult::undecodable, "undecodable", r -> Long.toString(r.undecodable())),
            new Column("warnings", ArenaResult::warnings, null, null),
            new Column("dropped", ArenaResult::dropped, null, null),
            new Column("load_cpu", r -> number(r.loadCpu(), 3), "load cpu",
                    r -> Math.round(r.loadCpu() * 100) + "%"),
            new Column("load_bound", ArenaResult::loadBound, null, null),
            new Column("server_cpu", r -> r.serverCpu().isPresent() ? number(r.serverCpu().getAsDouble(), 3) : null,
                    "server cpu", r -> r.serverCpu().isPresent() ? Math.round(r.serverCpu().getAsDouble() * 100) + "%" : "-"),
            new Column("conditions", r -> r.conditions().describe(), null, null));

    /** The CSV columns, in order. */
    public static final List<String> CSV_HEADER = COLUMNS.stream().map(Column::csvName).toList();

    private ArenaReport() {
    }

    /** The human table: a header and one row a run, columns aligned; the server's CPU when it was measured. */
    public static String table(List<ArenaResult> results) {
        boolean serverCpu = results.stream().anyMatch(r -> r.serverCpu().isPresent());
        List<Column> shown = COLUMNS.stream().filter(c -> c.heading != null)
                .filter(c -> serverCpu || !c.key.equals("server_cpu")).toList();
        List<List<String>> rows = new ArrayList<>();
        rows.add(shown.stream().map(Column::heading).toList());
        for (ArenaResult r : results) {
            rows.add(shown.stream().map(c -> c.cell.apply(r)).toList());
        }
        return BenchReport.aligned(rows);
    }

    /**
     * What the table cannot say, a sentence a line: the rates, the network conditions, why bots did not
     * get in, what the server sent them that it should not have, a saturated generator.
     */
    public static List<String> notes(List<ArenaResult> results) {
        List<String> notes = new ArrayList<>();
        for (ArenaResult r : results) {
            String run = "arena with " + r.bots() + (r.bots() == 1 ? " bot" : " bots");
            if (r.tickRate() > 0) {
                notes.add(run + ": " + r.tickRate() + " ticks and " + r.snapshotRate() + " snapshots a second, "
                        + r.players() + " players in the arena at most"
                        + (r.conditions().isNone() ? "" : "; the bots' datagrams met " + r.conditions().describe()));
            }
            if (r.joinFailureCount() > 0) {
                notes.add(run + ": " + r.joinFailureCount() + " did not get in: " + r.joinFailures().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "))
                        + (r.joinFailures().containsKey(JoinFailure.FULL) ? " (serve arena --arena-max-players raises the "
                                + "limit)" : ""));
            }
            if (r.undecodable() > 0) {
                notes.add(run + ": " + r.undecodable() + " packets from the server could not be read or rebuilt on "
                        + "their baseline");
            }
            if (r.warnings() > 0 || r.dropped() > 0) {
                notes.add(run + ": the server warned the bots " + r.warnings() + " times, and " + r.dropped()
                        + " left the game before the end (the server's LEAVE, or a socket failed)");
            }
            if (r.loadBound()) {
                notes.add("load-bound: the bots used " + Math.round(r.loadCpu() * 100) + "% of their "
                        + (r.threads() == 1 ? "core" : r.threads() + " cores") + " in " + run
                        + "; the numbers measure them, not the server");
            }
        }
        return notes;
    }

    /** One sentence for a run in which no bot got in, with why and a hint. */
    public static String failure(ArenaResult r) {
        String why = r.joinFailures().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey().label()).collect(Collectors.joining(", "));
        return "no bot got into the arena at " + SocketAddresses.format(r.target()) + " (" + why
                + "): is an arena server (socklab serve arena) listening there?";
    }

    /** The JSON array described in the class comment, one object a line. */
    public static String json(List<ArenaResult> results) {
        return BenchReport.JSON.writeValueAsString(results.stream().map(ArenaReport::fields).toList());
    }

    /** The CSV: {@link #CSV_HEADER}, then a row a run. */
    public static String csv(List<ArenaResult> results) {
        StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append('\n');
        for (ArenaResult r : results) {
            out.append(COLUMNS.stream().map(c -> Objects.toString(c.value.apply(r), ""))
                    .collect(Collectors.joining(","))).append('\n');
        }
        return out.toString();
    }

    /** A run's fields, keyed and nested as JSON writes them, in order. */
    static Map<String, Object> fields(ArenaResult r) {
        Map<String, Object> run = new LinkedHashMap<>();
        Map<String, Map<String, Object>> nested = new HashMap<>();
        for (Column c : COLUMNS) {
            Map<String, Object> into = c.within == null ? run : nested.computeIfAbsent(c.within, name -> {
                Map<String, Object> object = new LinkedHashMap<>();
                run.put(name, object);
                return object;
            });
            into.put(c.key, c.value.apply(r));
        }
        return run;
    }

    private static BigDecimal number(double value, int decimals) {
        return BigDecimal.valueOf(Double.isFinite(value) ? value : 0).setScale(decimals, RoundingMode.HALF_UP);
    }

    private static BigDecimal micros(Latency latency, ToDoubleFunction<Latency> percentile) {
        return latency.measured() ? number(percentile.applyAsDouble(latency), 1) : null;
    }

    private static String cell(Latency latency, ToDoubleFunction<Latency> percentile) {
        return latency.measured() ? Long.toString(Math.round(percentile.applyAsDouble(latency))) : "-";
    }

    /**
     * One field of a run: its key (within a nested object, if any), its value for JSON and CSV (null for
     * none), and its heading and cell in the table (null where the table leaves it out).
     */
    private record Column(String within, String key, Function<ArenaResult, Object> value, String heading,
                          Function<ArenaResult, String> cell) {
        Column(String key, Function<ArenaResult, Object> value, String heading, Function<ArenaResult, String> cell) {
            this(null, key, value, heading, cell);
        }

        /** The CSV header's name: the key, or the nested key before the unit ({@code tick_time_p50_us}). */
        String csvName() {
            if (within == null) {
                return key;
            }
            int unit = within.lastIndexOf('_');
            return within.substring(0, unit) + "_" + key + within.substring(unit);
        }
    }
}
