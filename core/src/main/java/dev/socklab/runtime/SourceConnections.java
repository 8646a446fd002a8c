package dev.socklab.runtime;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Connections open now, per source. A source is forgotten once its last connection ends, so the
 * map never holds more entries than there are open connections. Every source is counted, limited
 * or not, so that a limit set on a reload counts the connections already open.
 */
final class SourceConnections {
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** Counts one more connection from {@code source}, unless it already has {@code max} (0 for no limit). */
    boolean tryEnter(InetAddress source, int max) {
        boolean[] entered = {false};
        open.compute(source, (k, count) -> {
            int now = count == null ? 0 : count;
            if (max > 0 && now >= max) {
                return count;
            }
            entered[0] = true;
            return now + 1;
        });
        return entered[0];
    }

    /** Counts one connection from {@code source} fewer. */
    void leave(InetAddress source) {
        open.computeIfPresent(source, (k, count) -> count == 1 ? null : count - 1);
    }
}
