package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The TLS comparison's results as a Markdown table: a row per case and server, with socklab's
 * figure over each server's (above 1 is socklab ahead).
 */
final class TlsTable {
    private TlsTable() {
    }

    static String markdown(List<TlsRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| case | server | figure | round trips/s | socklab/it | negotiated | notes |\n");
        out.append("|---|---|---:|---:|---:|---|---|\n");
        for (TlsRow r : rows) {
            double socklab = socklab(rows, r.testCase());
            List<String> cells = new ArrayList<>(List.of(r.testCase().label(), r.server().label(),
                    number(r.testCase().handshakes() ? "%,.0f" : "%,.1f", r.value()) + " " + r.testCase().unit(),
                    number("%,.0f", r.roundTrips()), number("%.2f", socklab / r.value()), r.session(), notes(r)));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    /** Whether socklab's figure is at least Netty's on every case: the target. */
    static boolean socklabAtLeastNetty(List<TlsRow> rows) {
        for (TlsRow r : rows) {
            if (r.server() == TlsServer.NETTY && !(socklab(rows, r.testCase()) >= r.value())) {
                return false; // behind, or a number missing on either side
            }
        }
        return rows.stream().anyMatch(r -> r.server() == TlsServer.NETTY);
    }

    private static double socklab(List<TlsRow> rows, TlsCase c) {
        return rows.stream().filter(s -> s.server() == TlsServer.SOCKLAB && s.testCase().equals(c))
                .mapToDouble(TlsRow::value).findFirst().orElse(Double.NaN);
    }

    private static String notes(TlsRow r) {
        return r.failedRuns() == 0 ? "" : r.failedRuns() + (r.failedRuns() == 1 ? " run failed" : " runs failed");
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
