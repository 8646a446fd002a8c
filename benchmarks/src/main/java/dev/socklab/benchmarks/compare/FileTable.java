package dev.socklab.benchmarks.compare;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The file-transfer comparison's results as a Markdown table: a row per case and server, with
 * socklab's best over each server's best (above 1 is socklab ahead).
 */
final class FileTable {
    private FileTable() {
    }

    static String markdown(List<FileRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| case | server | best MB/s | runs, MB/s | socklab/it | negotiated | notes |\n");
        out.append("|---|---|---:|---:|---:|---|---|\n");
        for (FileRow r : rows) {
            String runs = r.runs().stream().map(v -> number("%,.1f", v)).collect(Collectors.joining(", "));
            out.append("| ").append(String.join(" | ", r.testCase().label(), r.server().label(), number("%,.1f", r.best()),
                    runs.isEmpty() ? "-" : runs, number("%.2f", socklab(rows, r.testCase()) / r.best()), r.negotiated(),
                    notes(r))).append(" |\n");
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

    private static String notes(FileRow r) {
        return r.failedRuns() == 0 ? "" : r.failedRuns() + (r.failedRuns() == 1 ? " run failed" : " runs failed");
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
