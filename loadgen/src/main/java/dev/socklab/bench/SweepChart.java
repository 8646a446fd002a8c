package dev.socklab.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import dev.socklab.net.SocketAddresses;

/**
 * A sweep as an SVG image to look at: throughput against connections (chat: members) above, p99
 * latency against them below, each a line with a dot a run (hover a dot for its numbers).
 * Connections run on a logarithmic axis when the sweep spans ten times or more, as 1,10,100,1000
 * does. Written by hand: the chart is a few dozen elements.
 */
public final class SweepChart {
    private static final int WIDTH = 760;
    private static final int LEFT = 96;
    private static final int RIGHT = 32;
    private static final int PLOT_HEIGHT = 220;
    /** From the top of a panel to the top of its plot: the panel's title. */
    private static final int PANEL_TITLE = 34;
    /** Below a plot: tick labels and the axis name. */
    private static final int PANEL_FOOT = 58;
    private static final int HEADER = 64;
    private static final int Y_TICKS = 5;

    private SweepChart() {
    }

    /** The chart of {@code runs}, which all have the same workload and size and differ in connections. */
    public static String svg(List<BenchResult> runs) {
        BenchResult first = runs.getFirst();
        int panel = PANEL_TITLE + PLOT_HEIGHT + PANEL_FOOT;
        int height = HEADER + 2 * panel;
        boolean stream = first.workload() == Workload.STREAM;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height))
                .append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height))
                .append(text(WIDTH / 2, 28, "middle", 17, "socklab bench " + first.workload().label()
                        + " against " + SocketAddresses.format(first.target())))
                .append(text(WIDTH / 2, 48, "middle", 12, subtitle(first, runs.stream().mapToInt(BenchResult::threads).max()
                        .orElse(1))));
        Axis x = Axis.of(runs);
        String throughput = stream ? "Throughput, MB/s of echoed bytes"
                : first.workload() == Workload.CHAT ? "Throughput, messages delivered to members per second"
                : "Throughput, operations per second";
        plot(svg, runs, x, HEADER, throughput, stream ? r -> r.bytesPerSecond() / 1e6 : BenchResult::opsPerSecond,
                stream ? "MB/s" : first.workload() == Workload.CHAT ? "msgs/s" : "ops/s", "#1f77b4");
        plot(svg, runs.stream().filter(r -> r.latency().measured()).toList(), x, HEADER + panel,
                "Latency, 99th percentile, microseconds", r -> r.latency().p99(), "us p99", "#d62728");
        return svg.append("</svg>\n").toString();
    }

    private static String subtitle(BenchResult r, int threads) {
        String size = r.size() > 0 ? r.size() + "-byte " + (r.workload() == Workload.UDP ? "datagrams" : "messages") + ", " : "";
        if (r.workload() == Workload.CHAT) {
            size += r.senders() + (r.senders() == 1 ? " sender, " : " senders, ");
        }
        return size + String.format(Locale.ROOT, "%.1f s a run, %s", r.seconds(),
                threads == 1 ? "1 load thread" : "up to " + threads + " load threads");
    }

    private static void plot(StringBuilder svg, List<BenchResult> runs, Axis x, int top, String title,
            ToDoubleFunction<BenchResult> value, String unit, String colour) {
        int plotTop = top + PANEL_TITLE;
        int bottom = plotTop + PLOT_HEIGHT;
        int right = WIDTH - RIGHT;
        YAxis y = YAxis.of(runs.stream().mapToDouble(value).toArray());
        svg.append(text(LEFT, top + 20, "start", 14, title + (y.logarithmic() ? " (logarithmic scale)" : "")));
        for (double v : y.ticks()) {
            double py = bottom - PLOT_HEIGHT * y.share(v);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    LEFT, py, right, py, py == bottom ? "#333" : "#ddd"));
            svg.append(text(LEFT - 8, (int) Math.round(py) + 4, "end", 11, compact(v)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, plotTop, LEFT, bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, bottom, right, bottom));
        for (double c : x.ticks()) {
            double px = x.position(c);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
                    px, bottom, px, bottom + 5));
            svg.append(text((int) Math.round(px), bottom + 19, "middle", 11, compact(c)));
        }
        svg.append(text((LEFT + right) / 2, bottom + 42, "middle", 12,
                x.unit() + (x.logarithmic() ? " (logarithmic scale)" : "")));
        if (runs.isEmpty()) {
            svg.append(text((LEFT + right) / 2, plotTop + PLOT_HEIGHT / 2, "middle", 12, "no run completed an operation"));
            return;
        }
        StringBuilder points = new StringBuilder();
        for (BenchResult r : runs) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.position(r.connections()),
                    bottom - PLOT_HEIGHT * y.share(value.applyAsDouble(r))));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, points.toString().strip()));
        for (BenchResult r : runs) {
            double v = value.applyAsDouble(r);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>%n",
                    x.position(r.connections()), bottom - PLOT_HEIGHT * y.share(v), colour,
                    escape(String.format(Locale.ROOT, "%d %s: %.1f %s", r.connections(), x.unit(), v, unit))));
        }
    }

    /** The smallest of 1, 2, 2.5 and 5 times a power of ten at or above {@code value}: the top of a y axis. */
    static double niceMax(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** {@code 950}, {@code 1.5k}, {@code 12M}: a tick label. */
    static String compact(double v) {
        String[] suffixes = {"", "k", "M", "G"};
        int i = 0;
        double scaled = v;
        while (Math.abs(scaled) >= 1000 && i < suffixes.length - 1) {
            scaled /= 1000;
            i++;
        }
        String number = scaled == Math.rint(scaled) ? String.format(Locale.ROOT, "%.0f", scaled)
                : String.format(Locale.ROOT, "%.1f", scaled).replaceAll("\\.0$", "");
        return number + suffixes[i];
    }

    static String text(int x, int y, String anchor, int size, String content) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(content));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * A value axis from 0 to a round top, or logarithmic between powers of ten when the values
     * span a hundred times or more (latencies from 50 µs to 60 ms would otherwise sit on the floor).
     */
    record YAxis(boolean logarithmic, double low, double high, List<Double> ticks) {
        static YAxis of(double[] values) {
            double min = Arrays.stream(values).filter(v -> v > 0).min().orElse(0);
            double max = Arrays.stream(values).max().orElse(0);
            if (min > 0 && max / min >= 100) {
                int from = (int) Math.floor(Math.log10(min));
                int to = (int) Math.ceil(Math.log10(max));
                List<Double> ticks = IntStream.rangeClosed(from, to).mapToObj(e -> Math.pow(10, e)).toList();
                return new YAxis(true, Math.pow(10, from), Math.pow(10, to), ticks);
            }
            double top = niceMax(max);
            List<Double> ticks = IntStream.rangeClosed(0, Y_TICKS).mapToObj(i -> top * i / Y_TICKS).toList();
            return new YAxis(false, 0, top, ticks);
        }

        /** Where {@code value} sits, from 0 at the bottom to 1 at the top; a zero on a log axis sits at the bottom. */
        double share(double value) {
            if (logarithmic) {
                return value <= low ? 0 : (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
            }
            return value / high;
        }
    }

    /**
     * The connections axis (chat: members): logarithmic when the counts span ten times or more, ticks
     * at the counts run.
     */
    private record Axis(String unit, double min, double max, boolean logarithmic, List<Double> ticks) {
        static Axis of(List<BenchResult> runs) {
            List<Double> counts = runs.stream().map(r -> (double) r.connections()).distinct().sorted().toList();
            double min = counts.getFirst();
            double max = counts.getLast();
            return new Axis(runs.getFirst().workload().countName(), min, max, max / min >= 10, counts);
        }

        double position(double connections) {
            if (max == min) {
                return (LEFT + WIDTH - RIGHT) / 2.0;
            }
            double share = logarithmic
                    ? (Math.log(connections) - Math.log(min)) / (Math.log(max) - Math.log(min))
                    : (connections - min) / (max - min);
            // A margin on each side, so that the first and last dots do not sit on the axes.
            double span = WIDTH - RIGHT - LEFT - 40;
            return LEFT + 20 + share * span;
        }
    }
}
