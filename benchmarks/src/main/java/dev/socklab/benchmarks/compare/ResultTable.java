package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a plain-text table for the terminal and as a Markdown table for the docs. */
final class ResultTable {
    private static final List<String> HEADER =
            List.of("workload", "metric", "socklab", "netty", "socklab/netty", "target", "verdict");

    private ResultTable() {
    }

    /** Columns aligned with spaces, then the notes, one a line, under the workload they qualify. */
    static String text(List<Row> rows) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(HEADER.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
        rows.forEach(r -> cells.add(cells(r)));
        int[] width = new int[HEADER.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : cells) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                l.append(i == 0 ? "" : "  ").append(pad(line.get(i), width[i]));
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
        for (Row r : rows) {
            if (!r.notes().isEmpty()) {
                out.append("note, ").append(r.workload()).append(": ").append(r.notes()).append('\n');
            }
        }
        return out.toString();
    }

    /** A Markdown table with a notes column; pipes in the text are escaped. */
    static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(HEADER);
        header.add("notes");
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|---|---|---:|---:|---:|---|---|---|\n");
        for (Row r : rows) {
            List<String> line = new ArrayList<>(cells(r));
            line.add(r.notes());
            out.append("| ").append(String.join(" | ", line.stream().map(ResultTable::escape).toList())).append(" |\n");
        }
        return out.toString();
    }

    private static List<String> cells(Row r) {
        double ratio = r.ratio();
        return List.of(r.workload(), r.metric().label(), r.metric().format(r.socklab()), r.metric().format(r.netty()),
                Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio),
                r.metric().target(), r.verdict().toString());
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
