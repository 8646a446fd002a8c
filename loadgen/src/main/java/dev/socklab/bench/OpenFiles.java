package dev.socklab.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** This process's open-file limit ({@code ulimit -n}), checked before a run opens a socket a connection. */
final class OpenFiles {
    private OpenFiles() {
    }

    /**
     * Refuses a run whose sockets would not fit under the limit, so that it fails at once with
     * the fix rather than count thousands of {@link ErrorKind#TOO_MANY_FILES} errors.
     */
    static void check(String option, int connections, int reserved) {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof com.sun.management.UnixOperatingSystemMXBean unix)) {
            return; // no limit to read: the errors will say it
        }
        long limit = unix.getMaxFileDescriptorCount();
        long free = limit - unix.getOpenFileDescriptorCount() - reserved;
        if (connections > free) {
            throw new BenchPlanException(option + " " + connections + " needs as many open files, but this process "
                    + "may open only " + Math.max(0, free) + " more (ulimit -n is " + limit
                    + "): lower " + option + ", or raise ulimit -n");
        }
    }
}
