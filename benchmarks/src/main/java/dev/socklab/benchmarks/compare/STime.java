package dev.socklab.benchmarks.compare;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code openssl s_time -new} run reported: full handshakes, one connection at a time,
 * each closed as soon as it is made. Its own rates are coarse (real seconds as a whole number) or
 * the client's CPU alone ({@code connections/user sec}), so the rate in the table is its count over
 * the wall-clock time the runner saw it run.
 *
 * @param connections       the handshakes completed
 * @param perClientCpuSecond s_time's {@code connections/user sec}: handshakes per second of the client's CPU
 * @param seconds           the wall-clock seconds the run took, as the runner timed it
 */
record STime(long connections, double perClientCpuSecond, double seconds) {
    /** {@code 953 connections in 0.98s; 972.45 connections/user sec, bytes read 0}. */
    private static final Pattern SUMMARY = Pattern.compile("(?m)^(\\d+) connections in [\\d.]+s; ([\\d.]+) connections/user sec");

    /**
     * Reads s_time's output.
     *
     * @throws RunFailedException if it holds no summary line: the server refused every handshake, or s_time failed
     */
    static STime parse(String output, double seconds) throws RunFailedException {
        Matcher m = SUMMARY.matcher(output);
        if (!m.find()) {
            String last = output.strip().lines().reduce((a, b) -> b).orElse("no output");
            throw new RunFailedException("openssl s_time reported no connections: " + last);
        }
        return new STime(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), seconds);
    }

    /** Full handshakes a second of wall-clock time. */
    double perSecond() {
        return connections / seconds;
    }
}
