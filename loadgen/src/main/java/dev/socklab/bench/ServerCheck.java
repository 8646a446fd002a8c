package dev.socklab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's vitals before a soak's load and after it, once settled, and whether they came back.
 * File descriptors and threads may end at most {@link #FD_TOLERANCE} and {@link #THREAD_TOLERANCE}
 * above where they started: a JVM may open a file or start a thread of its own lazily (a jar, a
 * GC or JIT thread) that is no leak. Memory may grow by at most the plan's bound: a JVM's heap
 * grows under load and is given back to the system late or never, so only a larger growth is a leak.
 *
 * @param before before the load, after the warm-up, once the warm-up's connections were gone
 * @param after after the load, once within bounds or at the settle deadline
 * @param maxRssGrowthBytes how much the resident memory may grow
 */
public record ServerCheck(ServerVitals before, ServerVitals after, long maxRssGrowthBytes) {
    /** File descriptors the server may hold above its start. */
    public static final long FD_TOLERANCE = 2;
    /** Threads the server may run above its start. */
    public static final long THREAD_TOLERANCE = 2;

    /** Whether everything came back within bounds. */
    public boolean passed() {
        return problems().isEmpty();
    }

    /** One sentence for each vital that did not come back, such as {@code file descriptors: 12 before, 40 after}. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (after.fds() > before.fds() + FD_TOLERANCE) {
            problems.add("file descriptors did not come back: " + before.fds() + " before, " + after.fds() + " after");
        }
        if (after.threads() > before.threads() + THREAD_TOLERANCE) {
            problems.add("threads did not come back: " + before.threads() + " before, " + after.threads() + " after");
        }
        if (after.rssBytes() - before.rssBytes() > maxRssGrowthBytes) {
            problems.add("resident memory grew by " + mib(after.rssBytes() - before.rssBytes()) + ", more than "
                    + mib(maxRssGrowthBytes) + ": " + mib(before.rssBytes()) + " before, " + mib(after.rssBytes())
                    + " after");
        }
        return problems;
    }

    static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
