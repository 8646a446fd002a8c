package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results as a plain-text table for the terminal and as a Markdown table for the docs: a column
 * for each server that ran, then each socklab engine's ratio to Netty.
 */
final class ResultTable {
    private ResultTable() {
    }

    /** Columns aligned with spaces, then the notes, one a line, under the workload they qualify. */
    static String text(List<Row> rows, List<Side> sides) {
        List<String> header = header(sides);
        List<List<String>> cells = new ArrayList<>();
        cells.add(header.stream().map(h -> h.toUpperCase(Locale.ROOT)).toList());
        rows.forEach(r -> cells.add(cells(r, sides)));
        int[] width = new int[header.size()];
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
    static String markdown(List<Row> rows, List<Side> sides) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(header(sides));
        header.add("notes");
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|---|---|").append("---:|".repeat(sides.size() + engines(sides).size())).append("---|---|---|\n");
        for (Row r : rows) {
            List<String> line = new ArrayList<>(cells(r, sides));
            line.add(r.notes());
            out.append("| ").append(String.join(" | ", line.stream().map(ResultTable::escape).toList())).append(" |\n");
        }
        return out.toString();
    }

    private static List<String> header(List<Side> sides) {
        List<String> header = new ArrayList<>(List.of("workload", "metric"));
        sides.forEach(s -> header.add(s.label()));
        engines(sides).forEach(s -> header.add(s.label() + "/" + Side.NETTY.label()));
        header.addAll(List.of("target", "verdict"));
        return header;
    }

    private static List<String> cells(Row r, List<Side> sides) {
        List<String> cells = new ArrayList<>(List.of(r.workload(), r.metric().label()));
        sides.forEach(s -> cells.add(r.metric().format(r.median(s))));
        for (Side s : engines(sides)) {
            double ratio = r.ratio(s);
            cells.add(Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio));
        }
        cells.addAll(List.of(r.metric().target(), r.verdict().toString()));
        return cells;
    }

    private static List<Side> engines(List<Side> sides) {
        return sides.stream().filter(Side::socklab).toList();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
