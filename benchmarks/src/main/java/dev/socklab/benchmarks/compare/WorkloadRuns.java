package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The runs of one workload on each server, and the rows of results they come to. The verdict is
 * taken on the first socklab engine run: epoll, the engine socklab ships as its default, unless
 * only jdk ran; the other engine's ratio is there for reference.
 */
final class WorkloadRuns {
    private final Scenario workload;
    private final List<Side> sides;
    private final Side judged;
    private final Map<Side, List<RunResult>> results = new EnumMap<>(Side.class);
    private final Map<Side, Integer> attempts = new EnumMap<>(Side.class);

    /** The runs of {@code workload} on {@code sides}, which hold Netty and at least one socklab engine. */
    WorkloadRuns(Scenario workload, List<Side> sides) {
        this.workload = workload;
        this.sides = List.copyOf(sides);
        this.judged = sides.stream().filter(Side::socklab).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no socklab engine among " + sides));
        for (Side side : sides) {
            results.put(side, new ArrayList<>());
            attempts.put(side, 0);
        }
    }

    Scenario workload() {
        return workload;
    }

    void add(Side side, RunResult result) {
        attempts.merge(side, 1, Integer::sum);
        results.get(side).add(result);
    }

    void failed(Side side) {
        attempts.merge(side, 1, Integer::sum);
    }

    /** A row per metric of the workload, medians over the successful runs; the notes go on the first. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Metric metric : workload.metrics()) {
            Map<Side, Double> medians = new EnumMap<>(Side.class);
            for (Side side : sides) {
                medians.put(side, median(results.get(side), metric::of));
            }
            Verdict verdict = Verdict.judge(metric, medians.get(judged), medians.get(Side.NETTY));
            rows.add(new Row(workload.name(), metric, medians, verdict, rows.isEmpty() ? notes() : ""));
        }
        return rows;
    }

    /** The median of the values that are numbers; NaN when there are none. */
    static double median(List<RunResult> runs, ToDoubleFunction<RunResult> value) {
        double[] v = runs.stream().mapToDouble(value).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** What qualifies the medians: runs that failed, errors and losses, a load generator that was the limit. */
    String notes() {
        List<String> notes = new ArrayList<>();
        for (Side side : sides) {
            List<RunReport> ok = results.get(side).stream().map(RunResult::load).toList();
            int tried = attempts.get(side);
            if (ok.size() < tried) {
                notes.add(side.label() + ": " + (tried - ok.size()) + " of " + tried + " runs failed");
            }
            long bound = ok.stream().filter(RunReport::loadBound).count();
            if (bound > 0) {
                notes.add(side.label() + ": load generator was the limit in " + bound + " of " + ok.size() + " runs");
            }
            double errors = ok.stream().mapToDouble(RunReport::errors).sum();
            if (errors > 0) {
                notes.add(side.label() + ": " + (long) errors + " errors");
            }
            double lost = ok.stream().mapToDouble(RunReport::lost).sum();
            if (lost > 0) {
                notes.add(side.label() + ": " + (long) lost + " datagrams lost");
            }
        }
        return String.join("; ", notes);
    }
}
