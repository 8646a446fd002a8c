package dev.socklab.runtime;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The exchanges UDP services run on sockets of their own ({@link dev.socklab.service.Datagram#openSession}),
 * counted per service and per source against the service's bounds, and the ones open now, which a
 * stopping server waits for and then closes.
 */
final class DatagramSessions {
    /**
     * How long a stopping server waits for the exchanges whose sockets it closed to end: their
     * threads may run on the engine's carriers, which stop after this.
     */
    private static final Duration FORCED_END_WAIT = Duration.ofSeconds(2);
    /** Open exchanges by service, and by service and source. */
    private final Map<String, Integer> byService = new ConcurrentHashMap<>();
    private final Map<Source, Integer> bySource = new ConcurrentHashMap<>();
    private final Set<SessionTask> open = ConcurrentHashMap.newKeySet();

    private record Source(String service, Object key) {
    }

    /**
     * Counts one more exchange of {@code service} with {@code peer}, unless that would pass either bound.
     *
     * @return the reason it was refused, or null if it was counted
     */
    synchronized String enter(String service, SocketAddress peer, int maxTotal, int maxPerSource) {
        int total = byService.getOrDefault(service, 0);
        if (total >= maxTotal) {
            return "too many exchanges at once (" + maxTotal + ")";
        }
        Source source = new Source(service, keyOf(peer));
        int ofSource = bySource.getOrDefault(source, 0);
        if (ofSource >= maxPerSource) {
            return "too many exchanges with one source (" + maxPerSource + ")";
        }
        byService.put(service, total + 1);
        bySource.put(source, ofSource + 1);
        return null;
    }

    /** One exchange of {@code service} with {@code peer} has ended. */
    synchronized void leave(String service, SocketAddress peer) {
        byService.computeIfPresent(service, (s, n) -> n == 1 ? null : n - 1);
        bySource.computeIfPresent(new Source(service, keyOf(peer)), (s, n) -> n == 1 ? null : n - 1);
        notifyAll();
    }

    void started(SessionTask task) {
        open.add(task);
    }

    synchronized void ended(SessionTask task) {
        open.remove(task);
        notifyAll();
    }

    /**
     * Waits up to {@code grace} for every exchange to end, then closes the sockets of the rest,
     * which ends them, and waits a little for those to end.
     */
    void drain(Duration grace) throws InterruptedException {
        awaitEnded(grace, () -> byService.isEmpty());
        open.forEach(SessionTask::force);
        awaitEnded(FORCED_END_WAIT, open::isEmpty);
    }

    private synchronized void awaitEnded(Duration wait, BooleanSupplier ended) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long left;
        while (!ended.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** What counts as one source: an IPv4 address, or an IPv6 /64, as for the stream limits; a Unix peer is one. */
    private static Object keyOf(SocketAddress peer) {
        return peer instanceof InetSocketAddress inet && inet.getAddress() != null ? SourceKey.of(inet.getAddress()) : "unix";
    }
}
