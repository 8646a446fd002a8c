package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code h2load --h1}, nghttp2's load generator, as the HTTP comparison runs it: one thread, C
 * connections, N requests, a line per request in its log file; and what it reports, read back.
 * h2load prints no percentiles, so p99 comes from the log file's per-request times. Runs are
 * bounded by a request count, not a duration: h2load 1.52's timed mode ({@code -D}) never ends
 * against a server that closes each connection (busybox httpd).
 *
 * @param requestsPerSecond what h2load's {@code finished in} line says
 * @param requests          requests asked for
 * @param succeeded         requests answered 2xx or 3xx
 * @param errors            requests that failed, errored, timed out, or were answered 4xx or 5xx
 * @param p99Micros         the 99th percentile of the requests' times in the log, microseconds; NaN with no log line
 */
record H2load(double requestsPerSecond, long requests, long succeeded, long errors, double p99Micros) {
    /** A connection with nothing to read for this long ends with a timeout: a stalled server cannot stall a run. */
    static final int INACTIVITY_SECONDS = 10;
    private static final Pattern FINISHED = Pattern.compile("^finished in [^,]+, ([0-9.]+) req/s", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("^requests: (\\d+) total, \\d+ started, (\\d+) done, (\\d+) "
            + "succeeded, (\\d+) failed, (\\d+) errored, (\\d+) timeout", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("^status codes: \\d+ 2xx, \\d+ 3xx, (\\d+) 4xx, (\\d+) 5xx",
            Pattern.MULTILINE);

    /** The command: {@code requests} GETs of {@code url} over {@code connections}, on the load generator's core. */
    static List<String> command(Pinning pinning, String url, int connections, long requests, Path log) {
        List<String> command = new ArrayList<>(pinning.load());
        command.addAll(List.of("h2load", "--h1", "-t", "1", "-c", Integer.toString(connections),
                "-n", Long.toString(requests), "-N", Integer.toString(INACTIVITY_SECONDS),
                "--log-file", log.toString(), url));
        return command;
    }

    /**
     * What h2load printed and logged.
     *
     * @throws RunFailedException if the output lacks its summary lines: h2load did not finish
     */
    static H2load parse(String output, Path log) throws RunFailedException {
        Matcher finished = FINISHED.matcher(output);
        Matcher requests = REQUESTS.matcher(output);
        Matcher status = STATUS.matcher(output);
        if (!finished.find() || !requests.find() || !status.find()) {
            throw new RunFailedException("h2load printed no summary (finished in ..., requests: ...)");
        }
        long total = Long.parseLong(requests.group(1));
        long done = Long.parseLong(requests.group(2));
        long failed = Long.parseLong(requests.group(4)) + Long.parseLong(requests.group(5))
                + Long.parseLong(requests.group(6));
        long refused = Long.parseLong(status.group(1)) + Long.parseLong(status.group(2));
        // Requests never done (a connection that failed takes its share with it) count as errors too.
        long errors = Math.max(failed, total - done) + refused;
        return new H2load(Double.parseDouble(finished.group(1)), total, Long.parseLong(requests.group(3)), errors,
                p99(log));
    }

    /**
     * The 99th percentile (nearest rank) of the third column of h2load's log, a request's time in
     * microseconds ({@code start-time<TAB>status<TAB>microseconds}); NaN when there are no lines.
     */
    static double p99(Path log) {
        long[] micros;
        try (Stream<String> lines = Files.lines(log)) {
            micros = lines.map(l -> l.split("\t")).filter(f -> f.length >= 3)
                    .mapToLong(f -> Long.parseLong(f[2].strip())).sorted().toArray();
        } catch (IOException | NumberFormatException e) {
            return Double.NaN; // no log, or not h2load's: the run is reported without a p99
        }
        if (micros.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(0.99 * micros.length);
        return micros[Math.max(rank, 1) - 1];
    }

    /** {@code 18,020 req/s, p99 7,412 us}, and the errors if any. */
    String summary() {
        return String.format(Locale.ROOT, "%,.0f req/s, p99 %,.0f us", requestsPerSecond, p99Micros)
                + (errors > 0 ? ", " + errors + " errors" : "");
    }
}
