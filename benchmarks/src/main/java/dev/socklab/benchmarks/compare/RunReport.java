package dev.socklab.benchmarks.compare;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

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

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * The results in the load generator's output: a JSON array of report objects (or one object),
     * possibly after lines of other text.
     *
     * @throws RunFailedException if the output holds no report, or a malformed one: the run failed
     */
    static List<RunReport> parseAll(String output) throws RunFailedException {
        int start = firstJson(output);
        if (start < 0) {
            throw new RunFailedException("the load generator printed no JSON report");
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(output.substring(start));
        } catch (JacksonException e) {
            throw new RunFailedException("the load generator's report is not JSON (" + e.getOriginalMessage() + ")");
        }
        List<JsonNode> items = parsed.isArray() ? parsed.valueStream().toList() : List.of(parsed);
        if (items.isEmpty()) {
            throw new RunFailedException("the load generator's report is empty");
        }
        List<RunReport> reports = new ArrayList<>();
        for (JsonNode item : items) {
            reports.add(of(item));
        }
        return reports;
    }

    private static RunReport of(JsonNode m) throws RunFailedException {
        if (!m.isObject()) {
            throw new RunFailedException("the load generator's report holds " + m + " where an object belongs");
        }
        JsonNode lat = m.path("latency_us");
        return new RunReport(
                m.path("workload").isString() ? m.path("workload").stringValue() : "",
                number(m, "connections"), number(m, "size"), number(m, "seconds"), number(m, "operations"),
                number(m, "ops_per_second"), number(m, "bytes_per_second"),
                number(lat, "p50"), number(lat, "p99"), number(lat, "p999"),
                count(m, "errors"), count(m, "lost"), number(m, "load_cpu"),
                m.path("load_bound").isBoolean() && m.path("load_bound").booleanValue(),
                number(m, "server_bytes_per_connection"));
    }

    private static double number(JsonNode m, String key) {
        JsonNode n = m.path(key);
        return n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    private static double count(JsonNode m, String key) {
        JsonNode n = m.path(key);
        return n.isNumber() ? n.doubleValue() : 0;
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
