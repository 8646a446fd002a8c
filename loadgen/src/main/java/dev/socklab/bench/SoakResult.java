package dev.socklab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a soak run found.
 *
 * @param operations exchanges that came back right, by part: round trips, datagrams echoed, greetings
 * @param errors failed exchanges by kind; {@link ErrorKind#MISMATCH} for a reply that differed
 * @param lost datagrams that got no echo in time
 * @param seconds how long the load ran, warm-up included
 * @param server with a server PID: its vitals before and after
 */
public record SoakResult(Map<SoakPart, Long> operations, ErrorCounts errors, long lost, double seconds,
        Optional<ServerCheck> server) {
    /** Exchanges that came back right, of every part. */
    public long totalOperations() {
        return operations.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Replies that differed from what was sent. */
    public long mismatches() {
        return errors.of(ErrorKind.MISMATCH);
    }

    /**
     * Whether the soak passed: no error of any kind, mismatches included, and the server's vitals
     * back within bounds. Lost datagrams do not fail it: UDP may drop them, and they are reported.
     */
    public boolean passed() {
        return errors.total() == 0 && server.map(ServerCheck::passed).orElse(true) && totalOperations() > 0;
    }

    /** The report, a line each: operations by part, errors, losses, and the server's vitals. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "soak: %.1f s, %d exchanges checked byte for byte", seconds,
                totalOperations()));
        operations.forEach((part, n) -> lines.add(String.format(Locale.ROOT, "  %-10s %d", part.label(), n)));
        lines.add("errors: " + (errors.total() == 0 ? "none" : errors.describe()));
        lines.add("lost datagrams: " + lost);
        server.ifPresent(check -> {
            ServerVitals b = check.before();
            ServerVitals a = check.after();
            lines.add("server file descriptors: " + b.fds() + " before, " + a.fds() + " after");
            lines.add("server threads: " + b.threads() + " before, " + a.threads() + " after");
            lines.add("server memory (VmRSS): " + ServerCheck.mib(b.rssBytes()) + " before, "
                    + ServerCheck.mib(a.rssBytes()) + " after");
        });
        return lines;
    }

    /** Why the soak failed, a sentence each; empty when it passed. */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        if (totalOperations() == 0) {
            failures.add("no exchange came back right");
        }
        if (errors.total() > 0) {
            failures.add("exchanges failed: " + errors.describe());
        }
        server.ifPresent(check -> failures.addAll(check.problems()));
        return failures;
    }
}
