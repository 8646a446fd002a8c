package dev.socklab.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Every field of a {@link BenchResult} as {@link BenchReport} writes it, listed once, in the order of
 * JSON and CSV: its key, the JSON object it is nested in (if any), its value for JSON and CSV (null
 * for none), and its heading and cell in the table (null where the table leaves it out).
 */
enum ReportColumn {
    WORKLOAD("workload", r -> r.workload().label(), "workload", r -> r.workload().label()),
    CONNECTIONS("connections", BenchResult::connections, "connections", r -> Integer.toString(r.connections())),
    SIZE("size", BenchResult::size, "size", r -> r.size() == 0 ? "-" : Integer.toString(r.size())),
    SECONDS("seconds", r -> number(r.seconds(), 3), "seconds", r -> fixed(r.seconds(), 1)),
    OPERATIONS("operations", BenchResult::operations, null, null),
    OPS_PER_SECOND("ops_per_second", r -> number(r.opsPerSecond(), 1), "ops/s", r -> fixed(r.opsPerSecond(), 1)),
    BYTES_PER_SECOND("bytes_per_second", r -> number(r.bytesPerSecond(), 1), "MB/s",
            r -> fixed(r.bytesPerSecond() / 1e6, 1)),
    LATENCY_P50("latency_us", "p50", r -> latency(r, Latency::p50), "p50 us", r -> micros(r, Latency::p50)),
    LATENCY_P99("latency_us", "p99", r -> latency(r, Latency::p99), "p99 us", r -> micros(r, Latency::p99)),
    LATENCY_P999("latency_us", "p999", r -> latency(r, Latency::p999), "p999 us", r -> micros(r, Latency::p999)),
    LATENCY_MAX("latency_us", "max", r -> latency(r, Latency::max), "max us", r -> micros(r, Latency::max)),
    ERRORS("errors", r -> r.errors().total(), "errors", r -> Long.toString(r.errors().total())),
    LOST("lost", BenchResult::lost, "lost", r -> Long.toString(r.lost())),
    LOAD_CPU("load_cpu", r -> number(r.loadCpu(), 3), "load cpu", r -> Math.round(r.loadCpu() * 100) + "%"),
    LOAD_BOUND("load_bound", BenchResult::loadBound, null, null),
    SERVER_BYTES_PER_CONNECTION("server_bytes_per_connection",
            r -> r.serverBytesPerConnection().isPresent() ? number(r.serverBytesPerConnection().getAsDouble(), 1) : null,
            "server B/conn", r -> r.serverBytesPerConnection().isPresent()
                    ? Long.toString(Math.round(r.serverBytesPerConnection().getAsDouble())) : "-"),
    SENDERS("senders", BenchResult::senders, "senders", r -> r.senders() == 0 ? "-" : Integer.toString(r.senders()));

    /** The table's columns, in its order: senders next to the members they are of. */
    static final List<ReportColumn> TABLE = List.of(WORKLOAD, CONNECTIONS, SENDERS, SIZE, SECONDS, OPS_PER_SECOND,
            BYTES_PER_SECOND, LATENCY_P50, LATENCY_P99, LATENCY_P999, LATENCY_MAX, ERRORS, LOST, LOAD_CPU,
            SERVER_BYTES_PER_CONNECTION);

    private final String within;
    private final String key;
    private final Function<BenchResult, Object> value;
    private final String heading;
    private final Function<BenchResult, String> cell;

    ReportColumn(String key, Function<BenchResult, Object> value, String heading, Function<BenchResult, String> cell) {
        this(null, key, value, heading, cell);
    }

    ReportColumn(String within, String key, Function<BenchResult, Object> value, String heading,
                 Function<BenchResult, String> cell) {
        this.within = within;
        this.key = key;
        this.value = value;
        this.heading = heading;
        this.cell = cell;
    }

    /** The CSV header's name: the key, or the nested key flattened ({@code latency_p50_us}). */
    String csvName() {
        return within == null ? key : within.replace("_", "_" + key + "_");
    }

    /** The table's heading: chat counts members and their messages. */
    String heading(boolean chat) {
        return !chat ? heading : switch (this) {
            case CONNECTIONS -> "members";
            case OPS_PER_SECOND -> "msgs/s";
            default -> heading;
        };
    }

    /** A run's value in JSON and CSV: a string, a whole number, a fixed-point number, a boolean, or null for none. */
    Object value(BenchResult r) {
        return value.apply(r);
    }

    /** A run's cell in the table. */
    String cell(BenchResult r) {
        return cell.apply(r);
    }

    /** A run's fields, keyed and nested as JSON writes them, in order. */
    static Map<String, Object> fields(BenchResult r) {
        Map<String, Object> run = new LinkedHashMap<>();
        Map<String, Map<String, Object>> nested = new HashMap<>();
        for (ReportColumn c : values()) {
            Map<String, Object> into = c.within == null ? run : nested.computeIfAbsent(c.within, name -> {
                Map<String, Object> object = new LinkedHashMap<>();
                run.put(name, object);
                return object;
            });
            into.put(c.key, c.value(r));
        }
        return run;
    }

    /** A JSON number with a fixed number of decimals, as the report has always written it; never NaN or infinite. */
    private static BigDecimal number(double value, int decimals) {
        return BigDecimal.valueOf(Double.isFinite(value) ? value : 0).setScale(decimals, RoundingMode.HALF_UP);
    }

    private static BigDecimal latency(BenchResult r, ToDoubleFunction<Latency> percentile) {
        return r.latency().measured() ? number(percentile.applyAsDouble(r.latency()), 1) : null;
    }

    private static String micros(BenchResult r, ToDoubleFunction<Latency> percentile) {
        return r.latency().measured() ? Long.toString(Math.round(percentile.applyAsDouble(r.latency()))) : "-";
    }

    /** A number for people, with {@code decimals} decimals. */
    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
