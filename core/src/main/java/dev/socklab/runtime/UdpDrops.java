package dev.socklab.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the UDP services did not send, and why.
 *
 * @param fromLoopPorts datagrams not served because they came from a service's port: a small
 *     service's, one of socklab's defaults, or one of this server's own
 * @param overRate replies dropped by the per-source or global rate limit
 * @param overBound replies dropped because they were larger than the service's declared bound
 * @param inLoops datagrams not served because they repeated what was just exchanged with their
 *     address and port more often than a client does, as two services answering each other do
 */
public record UdpDrops(long fromLoopPorts, long overRate, long overBound, long inLoops) {
    public static final String OVER_RATE = "over_rate";
    public static final String OVER_BOUND = "over_bound";
    public static final String FROM_LOOP_PORT = "from_loop_port";
    public static final String IN_LOOP = "in_loop";

    /** Each reason by the name metrics and {@code /status} give it, zero or not. */
    public Map<String, Long> byReason() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put(OVER_RATE, overRate);
        all.put(OVER_BOUND, overBound);
        all.put(FROM_LOOP_PORT, fromLoopPorts);
        all.put(IN_LOOP, inLoops);
        return all;
    }
}
