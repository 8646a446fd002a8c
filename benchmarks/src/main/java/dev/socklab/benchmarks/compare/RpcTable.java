package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The RPC comparison's results as Markdown: a row per server and call, then socklab's RPC rows
 * against the two targets: at least {@link #CALLS_TARGET} times the calls a second of the
 * Python server of the same protocol and transport, and a p99 at most {@link #P99_TARGET} times that
 * of socklab's own echo ping-pong at the same concurrency.
 */
final class RpcTable {
    static final double CALLS_TARGET = 10;
    static final double P99_TARGET = 2;

    private RpcTable() {
    }

    static String markdown(List<RpcRow> rows) {
        StringBuilder out = new StringBuilder("| server | calls | calls/s | p50 | p99 | errors | notes |\n"
                + "|---|---|---:|---:|---:|---:|---|\n");
        for (RpcRow r : rows) {
            out.append("| ").append(String.join(" | ", r.testCase().server().label(), r.testCase().call(),
                    number("%,.0f", r.callsPerSecond()), number("%,.0f us", r.p50Micros()), number("%,.0f us", r.p99Micros()),
                    Long.toString(r.errors()), notes(r))).append(" |\n");
        }
        return out.toString();
    }

    /** socklab's RPC rows against the targets, a row each; a target without both numbers is not met. */
    static String targets(List<RpcRow> rows) {
        StringBuilder out = new StringBuilder("| socklab's call | calls/s vs Python (target >= " + number("%.0fx", CALLS_TARGET)
                + ") | p99 vs socklab echo (target <= " + number("%.0fx", P99_TARGET) + ") |\n|---|---:|---:|\n");
        for (RpcRow r : rows) {
            if (r.testCase().server() != RpcServer.SOCKLAB || r.testCase().baseline()) {
                continue;
            }
            out.append("| ").append(r.testCase().call()).append(" | ")
                    .append(verdict(callsRatio(r, rows), true, CALLS_TARGET)).append(" | ")
                    .append(verdict(p99Ratio(r, rows), false, P99_TARGET)).append(" |\n");
        }
        return out.toString();
    }

    /** Whether every socklab RPC row met both targets. */
    static boolean met(List<RpcRow> rows) {
        boolean any = false;
        for (RpcRow r : rows) {
            if (r.testCase().server() != RpcServer.SOCKLAB || r.testCase().baseline()) {
                continue;
            }
            any = true;
            if (!(callsRatio(r, rows) >= CALLS_TARGET) || !(p99Ratio(r, rows) <= P99_TARGET)) {
                return false; // behind, or a number missing
            }
        }
        return any;
    }

    /** socklab's calls a second over the Python server's of the same call; NaN without both. */
    static double callsRatio(RpcRow socklab, List<RpcRow> rows) {
        Optional<RpcCase> python = socklab.testCase().python();
        return python.flatMap(p -> find(rows, p)).map(p -> socklab.callsPerSecond() / p.callsPerSecond()).orElse(Double.NaN);
    }

    /** socklab's p99 over its echo's; NaN without both. */
    static double p99Ratio(RpcRow socklab, List<RpcRow> rows) {
        return find(rows, RpcCase.SOCKLAB_ECHO).map(echo -> socklab.p99Micros() / echo.p99Micros()).orElse(Double.NaN);
    }

    private static Optional<RpcRow> find(List<RpcRow> rows, RpcCase c) {
        return rows.stream().filter(r -> r.testCase() == c).findFirst();
    }

    private static String verdict(double ratio, boolean atLeast, double target) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "- (no figure)";
        }
        boolean met = atLeast ? ratio >= target : ratio <= target;
        return number("%.2fx", ratio) + (met ? " met" : " NOT met");
    }

    private static String notes(RpcRow r) {
        List<String> notes = new ArrayList<>();
        if (r.failedRuns() > 0) {
            notes.add(r.failedRuns() + (r.failedRuns() == 1 ? " run" : " runs") + " failed");
        }
        if (r.testCase().baseline()) {
            notes.add("p99 baseline");
        }
        return String.join("; ", notes);
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
