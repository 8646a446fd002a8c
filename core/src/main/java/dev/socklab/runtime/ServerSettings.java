package dev.socklab.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

import dev.socklab.tls.ServerTls;

/**
 * The settings of a server that a reload may replace ({@link Server#reconfigure}): everything but
 * its listeners, its I/O engine and its tracer. Immutable; a running server holds one and swaps it
 * whole.
 *
 * @param services each service's own limits, by the name it is served under
 */
record ServerSettings(Limits limits, UdpLimits udpLimits, int maxLogRate, AccessPolicy access,
                      SourceLimits sourceLimits, Map<String, ServiceLimits> services, Optional<ServerTls> tls) {
    ServerSettings {
        services = Map.copyOf(services);
    }

    /** The limits of the service named {@code name}; {@link ServiceLimits#NONE} for one that has none. */
    ServiceLimits service(String name) {
        return services.getOrDefault(name, ServiceLimits.NONE);
    }

    /** What the gate of the service named {@code name} holds clients to, the rate's buckets kept from {@code before}. */
    ServiceGate.Rules gateRules(String name, ServiceGate.Rules before) {
        ServiceLimits own = service(name);
        return ServiceGate.Rules.of(List.of(access, own.access()), own.maxConnections().orElse(0),
                own.sourceLimits().orElse(sourceLimits), before);
    }

    /** The timeout the watchdog must resolve: the shortest of them all. */
    long shortestTimeoutNanos() {
        LongStream.Builder all = LongStream.builder().add(limits.idleTimeout().toNanos())
                .add(limits.writeTimeout().toNanos());
        if (!limits.firstRequestTimeout().isZero()) {
            all.add(limits.firstRequestTimeout().toNanos());
        }
        services.values().forEach(own -> own.idleTimeout().ifPresent(d -> all.add(d.toNanos())));
        return all.build().min().orElseThrow();
    }
}
