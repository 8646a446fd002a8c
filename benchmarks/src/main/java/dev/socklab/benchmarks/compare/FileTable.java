package dev.socklab.benchmarks.compare;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file-transfer comparison's results as a Markdown table: a row per case and server, with
 * socklab's best over each server's best (above 1 is socklab ahead).
 */
final class FileTable {
    private static final int MOST_CALLED = 5;

    private FileTable() {
    }

    static String markdown(List<FileRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| case | server | best MB/s | runs, MB/s | socklab/it | server CPU ms/MB | negotiated | notes |\n");
        out.append("|---|---|---:|---:|---:|---:|---|---|\n");
        for (FileRow r : rows) {
            String runs = r.runs().stream().map(v -> number("%,.1f", v)).collect(Collectors.joining(", "));
            out.append("| ").append(String.join(" | ", r.testCase().label(), r.server().label(), number("%,.1f", r.best()),
                    runs.isEmpty() ? "-" : runs, number("%.2f", socklab(rows, r.testCase()) / r.best()),
                    number("%.3f", r.cpuPerMegabyte()), r.negotiated(),
                    notes(r))).append(" |\n");
        }
        return out.toString();
    }

    /**
     * The system calls of each traced transfer: all of them, and per MB, then the five most called per MB.
     */
    static String syscalls(List<TracedTransfer> traced) {
        StringBuilder out = new StringBuilder();
        out.append("| case | server | system calls | per MB | the most called, per MB |\n");
        out.append("|---|---|---:|---:|---|\n");
        for (TracedTransfer t : traced) {
            String most = t.calls().keySet().stream().filter(name -> !name.equals("total"))
                    .sorted(Comparator.comparing((String name) -> -t.calls().get(name)).thenComparing(name -> name))
                    .limit(MOST_CALLED).map(name -> name + " " + perMegabyte(t.perMegabyte(name)))
                    .collect(Collectors.joining(", "));
            out.append("| ").append(String.join(" | ", t.testCase().label(), t.server().label(),
                    number("%,.0f", t.calls().getOrDefault("total", 0L)), perMegabyte(t.perMegabyte("total")), most))
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * Whether socklab's best is at least every C server's best on every case a C server has a
     * figure for: the target. False when socklab lacks a figure there, or no C server has one.
     */
    static boolean socklabAtLeastTheCServers(List<FileRow> rows) {
        List<FileRow> others = rows.stream().filter(r -> !r.server().socklab() && !Double.isNaN(r.best())).toList();
        return !others.isEmpty() && others.stream().allMatch(r -> socklab(rows, r.testCase()) >= r.best());
    }

    private static double socklab(List<FileRow> rows, FileCase c) {
        return rows.stream().filter(r -> r.server().socklab() && r.testCase().equals(c))
                .mapToDouble(FileRow::best).findFirst().orElse(Double.NaN);
    }

    /** Whole numbers, but tenths below 10 and thousandths below 0.1: sendfile's server makes a few calls per GB. */
    private static String perMegabyte(double value) {
        return number(value < 0.1 ? "%.3f" : value < 10 ? "%.1f" : "%,.0f", value);
    }

    private static String notes(FileRow r) {
        return r.failedRuns() == 0 ? "" : r.failedRuns() + (r.failedRuns() == 1 ? " run failed" : " runs failed");
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
