package dev.socklab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.socklab.net.SocketAddresses;

/**
 * A {@code bench arena} sweep as an SVG image to look at: the server's tick time, p50 and p99, in
 * milliseconds against the players in the arena, each a line with a dot a run (hover a dot for its
 * numbers), under a dashed line at a third of the tick, the budget that leaves the core room for
 * everything else. Written by hand, as {@link SweepChart} is: the chart is a few dozen elements.
 */
public final class ArenaChart {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 32;
    private static final int TOP = 72;
    private static final int BOTTOM = 70;
    private static final int Y_TICKS = 5;
    private static final String P50 = "#1f77b4";
    private static final String P99 = "#d62728";

    private ArenaChart() {
    }

    /** The chart of {@code runs}, against one server, which differ in bots; those in which no bot joined are left out. */
    public static String svg(List<ArenaResult> runs) {
        ArenaResult first = runs.getFirst();
        List<ArenaResult> shown = runs.stream().filter(r -> r.tickTime().measured()).toList();
        int tickRate = shown.stream().mapToInt(ArenaResult::tickRate).max().orElse(0);
        double budget = tickRate == 0 ? 0 : 1000.0 / tickRate / 3;
        double top = SweepChart.niceMax(Math.max(budget * 1.2,
                shown.stream().mapToDouble(r -> r.tickTime().p99() / 1000).max().orElse(0)));
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int right = WIDTH - RIGHT;
        int bottom = TOP + plotHeight;
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT))
                .append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT))
                .append(SweepChart.text(WIDTH / 2, 26, "middle", 17, "Arena server tick time against players ("
                        + SocketAddresses.format(first.target()) + ")"))
                .append(SweepChart.text(WIDTH / 2, 46, "middle", 12, String.format(Locale.ROOT,
                        "socklab bench arena, %s, %.0f s a run, from the snapshots' tick-time field",
                        tickRate == 0 ? "no tick rate" : tickRate + " ticks a second", first.seconds())));
        for (int i = 0; i <= Y_TICKS; i++) {
            double v = top * i / Y_TICKS;
            double py = bottom - plotHeight * v / top;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                    LEFT, py, right, py, i == 0 ? "#333" : "#ddd"));
            svg.append(SweepChart.text(LEFT - 8, (int) Math.round(py) + 4, "end", 11, SweepChart.compact(v)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, TOP, LEFT, bottom));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 %d %d)\">%s</text>%n",
                24, (TOP + bottom) / 2, 24, (TOP + bottom) / 2, "tick time, milliseconds"));
        Axis x = Axis.of(shown.isEmpty() ? runs : shown);
        for (double players : x.ticks) {
            double px = x.position(players);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n",
                    px, bottom, px, bottom + 5));
            svg.append(SweepChart.text((int) Math.round(px), bottom + 19, "middle", 11, SweepChart.compact(players)));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                LEFT, bottom, right, bottom));
        svg.append(SweepChart.text((LEFT + right) / 2, bottom + 42, "middle", 12, "players in the arena (bots that joined)"));
        if (budget > 0) {
            double py = bottom - plotHeight * budget / top;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#555\" "
                    + "stroke-dasharray=\"6 4\"/>%n", LEFT, py, right, py));
            svg.append(SweepChart.text(right - 4, (int) Math.round(py) - 6, "end", 11, String.format(Locale.ROOT,
                    "a third of the tick: %.1f ms", budget)));
        }
        if (shown.isEmpty()) {
            svg.append(SweepChart.text((LEFT + right) / 2, TOP + plotHeight / 2, "middle", 12, "no bot got into the arena"));
        } else {
            line(svg, shown, x, bottom, plotHeight, top, r -> r.tickTime().p50() / 1000, "p50", P50);
            line(svg, shown, x, bottom, plotHeight, top, r -> r.tickTime().p99() / 1000, "p99", P99);
        }
        legend(svg, LEFT + 12, TOP + 16);
        return svg.append("</svg>\n").toString();
    }

    private static void line(StringBuilder svg, List<ArenaResult> runs, Axis x, int bottom, int plotHeight, double top,
            ToDoubleFunction<ArenaResult> millis, String name, String colour) {
        List<String> points = new ArrayList<>();
        for (ArenaResult r : runs) {
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x.position(r.joined()),
                    bottom - plotHeight * millis.applyAsDouble(r) / top));
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                colour, String.join(" ", points)));
        for (ArenaResult r : runs) {
            double v = millis.applyAsDouble(r);
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>%n",
                    x.position(r.joined()), bottom - plotHeight * v / top, colour,
                    SweepChart.escape(String.format(Locale.ROOT, "%d players: tick %s %.2f ms", r.joined(), name, v))));
        }
    }

    private static void legend(StringBuilder svg, int x, int y) {
        String[][] entries = {{"tick time p50", P50}, {"tick time p99", P99}};
        for (int i = 0; i < entries.length; i++) {
            int row = y + 18 * i;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", x, row - 4, x + 24, row - 4, entries[i][1]));
            svg.append(SweepChart.text(x + 30, row, "start", 12, entries[i][0]));
        }
    }

    /** The players axis, linear from 0 to a little past the most, with a tick at each run's players. */
    private record Axis(double max, List<Double> ticks) {
        static Axis of(List<ArenaResult> runs) {
            List<Double> players = runs.stream().map(r -> (double) r.joined()).distinct().sorted().toList();
            return new Axis(Math.max(1, players.getLast() * 1.08), players);
        }

        double position(double players) {
            return LEFT + (WIDTH - RIGHT - LEFT) * players / max;
        }
    }
}
