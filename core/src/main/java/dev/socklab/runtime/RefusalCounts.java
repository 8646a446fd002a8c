package dev.socklab.runtime;

import java.util.concurrent.atomic.LongAdder;

/** The server's counts behind {@link Refusals}, added to by every listener. */
final class RefusalCounts {
    final LongAdder deniedConnections = new LongAdder();
    final LongAdder deniedDatagrams = new LongAdder();
    final LongAdder overServerLimit = new LongAdder();
    final LongAdder overServiceLimit = new LongAdder();
    final LongAdder overSourceLimit = new LongAdder();
    final LongAdder overSourceRate = new LongAdder();

    Refusals snapshot() {
        return new Refusals(deniedConnections.sum(), deniedDatagrams.sum(), overServerLimit.sum(),
                overServiceLimit.sum(), overSourceLimit.sum(), overSourceRate.sum());
    }
}
