package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP comparison's results as a Markdown table, which reads well in a terminal too: a row per
 * case and server, with socklab's requests a second and p99 over each server's. A ratio above 1
 * in the requests column, and below 1 in the p99 column, is socklab ahead.
 */
final class HttpTable {
    private HttpTable() {
    }

    static String markdown(List<HttpRow> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| connections | file | server | requests/s | p99 | socklab/it requests/s | socklab/it p99 | notes |\n");
        out.append("|---:|---|---|---:|---:|---:|---:|---|\n");
        for (HttpRow r : rows) {
            HttpRow socklab = rows.stream().filter(s -> s.server() == HttpServer.SOCKLAB && s.testCase().equals(r.testCase()))
                    .findFirst().orElse(null);
            List<String> cells = new ArrayList<>(List.of(Integer.toString(r.testCase().connections()), r.testCase().label(),
                    r.server().label(), number("%,.0f", r.requestsPerSecond()), number("%,.0f us", r.p99Micros())));
            cells.add(socklab == null ? "-" : number("%.2f", socklab.requestsPerSecond() / r.requestsPerSecond()));
            cells.add(socklab == null ? "-" : number("%.2f", socklab.p99Micros() / r.p99Micros()));
            cells.add(notes(r));
            out.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        return out.toString();
    }

    /** Whether socklab answered more requests a second than every other server on every case. */
    static boolean socklabAhead(List<HttpRow> rows) {
        for (HttpRow r : rows) {
            if (r.server() == HttpServer.SOCKLAB) {
                continue;
            }
            double socklab = rows.stream().filter(s -> s.server() == HttpServer.SOCKLAB && s.testCase().equals(r.testCase()))
                    .mapToDouble(HttpRow::requestsPerSecond).findFirst().orElse(Double.NaN);
            if (!(socklab > r.requestsPerSecond())) {
                return false; // behind, or a number missing on either side
            }
        }
        return true;
    }

    private static String notes(HttpRow r) {
        List<String> notes = new ArrayList<>();
        if (r.failedRuns() > 0) {
            notes.add(r.failedRuns() + (r.failedRuns() == 1 ? " run" : " runs") + " failed");
        }
        if (r.errors() > 0) {
            notes.add(r.errors() + " errors");
        }
        return String.join("; ", notes);
    }

    private static String number(String format, double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
