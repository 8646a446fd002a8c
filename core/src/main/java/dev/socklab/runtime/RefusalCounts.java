package dev.socklab.runtime;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts behind {@link Refusals}: the server's, and each listener's, which add to the server's
 * as they count.
 */
final class RefusalCounts {
    /** The server's, for a listener's counts; null for the server's own. */
    private final RefusalCounts server;
    private final LongAdder deniedConnections = new LongAdder();
    private final LongAdder deniedDatagrams = new LongAdder();
    private final LongAdder overServerLimit = new LongAdder();
    private final LongAdder overServiceLimit = new LongAdder();
    private final LongAdder overSourceLimit = new LongAdder();
    private final LongAdder overSourceRate = new LongAdder();
    private final LongAdder wrongFamily = new LongAdder();
    private final LongAdder wrongFamilyDatagrams = new LongAdder();
    private final LongAdder untrustedProxies = new LongAdder();
    private final LongAdder badProxyHeaders = new LongAdder();
    private final LongAdder failedHandshakes = new LongAdder();

    /** The server's own counts. */
    RefusalCounts() {
        this(null);
    }

    /** A listener's counts, which add to {@code server}'s too. */
    RefusalCounts(RefusalCounts server) {
        this.server = server;
    }

    void deniedConnection() {
        deniedConnections.increment();
        if (server != null) {
            server.deniedConnection();
        }
    }

    void deniedDatagram() {
        deniedDatagrams.increment();
        if (server != null) {
            server.deniedDatagram();
        }
    }

    void overServerLimit() {
        overServerLimit.increment();
        if (server != null) {
            server.overServerLimit();
        }
    }

    void overServiceLimit() {
        overServiceLimit.increment();
        if (server != null) {
            server.overServiceLimit();
        }
    }

    void overSourceLimit() {
        overSourceLimit.increment();
        if (server != null) {
            server.overSourceLimit();
        }
    }

    void overSourceRate() {
        overSourceRate.increment();
        if (server != null) {
            server.overSourceRate();
        }
    }

    void wrongFamily() {
        wrongFamily.increment();
        if (server != null) {
            server.wrongFamily();
        }
    }

    void wrongFamilyDatagram() {
        wrongFamilyDatagrams.increment();
        if (server != null) {
            server.wrongFamilyDatagram();
        }
    }

    void untrustedProxy() {
        untrustedProxies.increment();
        if (server != null) {
            server.untrustedProxy();
        }
    }

    void badProxyHeader() {
        badProxyHeaders.increment();
        if (server != null) {
            server.badProxyHeader();
        }
    }

    void failedHandshake() {
        failedHandshakes.increment();
        if (server != null) {
            server.failedHandshake();
        }
    }

    Refusals snapshot() {
        return new Refusals(deniedConnections.sum(), deniedDatagrams.sum(), overServerLimit.sum(),
                overServiceLimit.sum(), overSourceLimit.sum(), overSourceRate.sum(), wrongFamily.sum(),
                wrongFamilyDatagrams.sum(), untrustedProxies.sum(), badProxyHeaders.sum(), failedHandshakes.sum());
    }
}
