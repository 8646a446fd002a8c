package dev.socklab.benchmarks.compare;

import java.util.List;
import java.util.Map;

/**
 * One run's report from {@code socklab bench --json}. A number the report lacks reads as NaN (a
 * count as 0), so that a load generator that leaves out what a workload cannot measure still parses.
 *
 * @param workload                 the workload the load generator ran
 * @param connections              connections, loops or sockets it used
 * @param size                     message size in bytes
 * @param seconds                  how long it measured
 * @param operations               round trips, connections or datagrams completed
 * @param opsPerSecond             operations a second
 * @param bytesPerSecond           payload bytes a second, both ways
 * @param p50                      median latency, microseconds
 * @param p99                      99th percentile latency, microseconds
 * @param p999                     99.9th percentile latency, microseconds
 * @param errors                   operations that failed
 * @param lost                     datagrams that got no reply
 * @param loadCpu                  the load generator's own CPU use, as it reports it
 * @param loadBound                whether the load generator, not the server, was the limit
 * @param serverBytesPerConnection the server's memory per idle connection ({@code idle} only)
 */
record RunReport(String workload, double connections, double size, double seconds, double operations,
                   double opsPerSecond, double bytesPerSecond, double p50, double p99, double p999,
                   double errors, double lost, double loadCpu, boolean loadBound,
                   double serverBytesPerConnection) {

    /**
     * The results in the load generator's output: a JSON array of report objects (or one object),
     * possibly after lines of other text.
     *
     * @throws IllegalArgumentException if the output holds no report, or a malformed one
     */
    static List<RunReport> parseAll(String output) {
        int start = firstJson(output);
        if (start < 0) {
            throw new IllegalArgumentException("the load generator printed no JSON report");
        }
        Object parsed = Json.parse(output.substring(start));
        List<?> items = parsed instanceof List<?> list ? list : List.of(parsed);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("the load generator's report is empty");
        }
        return items.stream().map(RunReport::of).toList();
    }

    private static RunReport of(Object item) {
        if (!(item instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the load generator's report holds " + item + " where an object belongs");
        }
        Object latency = m.get("latency_us");
        Map<?, ?> lat = latency instanceof Map<?, ?> l ? l : Map.of();
        return new RunReport(
                m.get("workload") instanceof String s ? s : "",
                number(m, "connections"), number(m, "size"), number(m, "seconds"), number(m, "operations"),
                number(m, "ops_per_second"), number(m, "bytes_per_second"),
                number(lat, "p50"), number(lat, "p99"), number(lat, "p999"),
                count(m, "errors"), count(m, "lost"), number(m, "load_cpu"),
                Boolean.TRUE.equals(m.get("load_bound")),
                number(m, "server_bytes_per_connection"));
    }

    private static double number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Double d ? d : Double.NaN;
    }

    private static double count(Map<?, ?> m, String key) {
        return m.get(key) instanceof Double d ? d : 0;
    }

    /** Where the report starts: the first line that opens an array or an object. */
    private static int firstJson(String output) {
        int lineStart = 0;
        while (lineStart < output.length()) {
            int i = lineStart;
            while (i < output.length() && (output.charAt(i) == ' ' || output.charAt(i) == '\t')) {
                i++;
            }
            if (i < output.length() && (output.charAt(i) == '[' || output.charAt(i) == '{')) {
                return i;
            }
            int nl = output.indexOf('\n', lineStart);
            if (nl < 0) {
                return -1;
            }
            lineStart = nl + 1;
        }
        return -1;
    }
}
