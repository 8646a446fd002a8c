package dev.socklab.bench;

import java.net.Inet6Address;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a run's threads share: the plan, the clock window, the cap, the message, idle's count of
 * held connections, and chat's room.
 */
final class Shared {
    final BenchPlan plan;
    final Window window;
    final RequestBudget budget;
    final ProtocolFamily family;
    /** Null without {@code --source-range}. */
    final SourceRange sources;
    /**
     * The message (http: the request; rpc: the call, its id blank) every connection sends, read-only; each takes a
     * {@link ByteBuffer#duplicate()}, which shares the bytes.
     */
    final ByteBuffer message;
    final long connectTimeoutNanos;
    final long udpTimeoutNanos;
    /** Connections open right now: what idle holds. */
    final AtomicInteger open = new AtomicInteger();
    /** The room of a chat run; null for the other workloads. */
    final ChatRoom room;

    Shared(BenchPlan plan, Window window) {
        this.plan = plan;
        this.window = window;
        this.budget = new RequestBudget(plan.requests());
        this.family = plan.target().getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
        this.sources = plan.sources().orElse(null);
        this.message = plan.get().map(get -> request(get.request()))
                .or(() -> plan.call().map(call -> request(call.request(plan.size()))))
                .orElseGet(() -> message(plan.size()));
        this.connectTimeoutNanos = plan.connectTimeout().toNanos();
        this.udpTimeoutNanos = plan.udpTimeout().toNanos();
        this.room = plan.workload() == Workload.CHAT ? ChatRoom.unique() : null;
    }

    private static ByteBuffer request(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    /** Printable bytes, as chargen sends, so that a trace or a capture of the run is readable. */
    private static ByteBuffer message(int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(size, 1));
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) (' ' + i % 95));
        }
        return buffer.asReadOnlyBuffer();
    }
}
