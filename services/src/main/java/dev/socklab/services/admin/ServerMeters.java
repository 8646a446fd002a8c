package dev.socklab.services.admin;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;

import dev.socklab.runtime.ListenerStats;
import dev.socklab.runtime.Refusals;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.UdpDrops;

/**
 * The runtime's counts as meters: each reads the listener's counts that {@link #refresh} took just
 * before the scrape, so that the runtime is read once a scrape and nothing is counted twice. The
 * meters are registered at the first scrape: the listeners are known once the server has started.
 * Every meter of a listener is tagged {@code service}, {@code transport} and {@code listener} (its
 * address); a service's own gauges ({@link dev.socklab.service.Gauges}) are tagged {@code service},
 * as what they count (a chat's members) belongs to the service, whichever socket it came in on.
 */
final class ServerMeters {
    private final Server server;
    private final MeterRegistry registry;
    /** The counts as the last scrape began: one entry per listener, in the server's order; null before the first. */
    private volatile List<ListenerStats> latest;

    ServerMeters(Server server, MeterRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    /** Reads the runtime's counts, for the scrape that follows; the first time, registers the meters that read them. */
    synchronized void refresh() {
        boolean first = latest == null;
        latest = server.listenerStats();
        if (first) {
            register(latest);
        }
    }

    private void register(List<ListenerStats> listeners) {
        for (int i = 0; i < listeners.size(); i++) {
            ListenerStats listener = listeners.get(i);
            Tags tags = Tags.of("service", listener.service(), "transport", listener.transport(),
                    "listener", listener.address());
            int index = i;
            if (listener.transport().equals("udp")) {
                bindDatagrams(index, tags);
            } else {
                bindConnections(index, tags);
            }
            counter("socklab.received", BaseUnits.BYTES, "Bytes received: on connections (FTP's data"
                    + " connections too), or in datagrams and the exchanges they opened.", tags, index, ListenerStats::bytesIn);
            counter("socklab.sent", BaseUnits.BYTES, "Bytes sent: on connections (FTP's data connections"
                    + " too), or in datagrams and the exchanges they opened.", tags, index, ListenerStats::bytesOut);
        }
        server.gauges().forEach((service, gauges) -> gauges.forEach(g -> Gauge.builder("socklab_" + g.name(),
                        g.value(), value -> value.getAsLong())
                // Held strongly: a service's supplier is referenced by nothing else, and a weakly held one reads NaN once collected.
                .strongReference(true).description(g.help()).tags("service", service).register(registry)));
    }

    private void bindConnections(int index, Tags tags) {
        Gauge.builder("socklab.connections.active", this, meters -> meters.stat(index, ListenerStats::active))
                .description("Connections being served now.").tags(tags).register(registry);
        counter("socklab.connections.accepted", null, "Connections accepted and handed to the service.",
                tags, index, ListenerStats::accepted);
        for (String reason : List.of(Refusals.DENIED, Refusals.SERVER_LIMIT, Refusals.SERVICE_LIMIT,
                Refusals.SOURCE_LIMIT, Refusals.SOURCE_RATE, Refusals.FAMILY, Refusals.UNTRUSTED_PROXY,
                Refusals.PROXY_HEADER, Refusals.TLS_HANDSHAKE)) {
            counter("socklab.connections.refused", null, "Connections turned away, by reason.",
                    tags.and("reason", reason), index, stats -> stats.refused().get(reason));
        }
        FunctionTimer.builder("socklab.connection.duration", this,
                        meters -> meters.latest.get(index).ended(),
                        meters -> meters.stat(index, stats -> stats.endedTime().toNanos()), TimeUnit.NANOSECONDS)
                .description("How long connections lasted, from the accept to the close: the count and sum of those ended.")
                .tags(tags).register(registry);
    }

    private void bindDatagrams(int index, Tags tags) {
        counter("socklab.datagrams.received", null, "Datagrams received, including those not served.",
                tags, index, ListenerStats::datagramsIn);
        counter("socklab.datagrams.sent", null,
                "Datagrams sent: replies, sends to a kept peer, and those of the exchanges opened.",
                tags, index, ListenerStats::datagramsOut);
        // A datagram's reasons are named as a connection's are; /status tells them apart with a suffix.
        for (Map.Entry<String, String> reason : List.of(Map.entry(Refusals.DENIED, Refusals.DENIED_DATAGRAM),
                Map.entry(Refusals.FAMILY, Refusals.FAMILY_DATAGRAM))) {
            counter("socklab.datagrams.refused", null, "Datagrams not served: their source is refused by an allow"
                    + " or deny list, or is of an IP version the server does not take.", tags.and("reason", reason.getKey()),
                    index, stats -> stats.refused().get(reason.getValue()));
        }
        for (String reason : List.of(UdpDrops.OVER_RATE, UdpDrops.OVER_BOUND)) {
            counter("socklab.udp.replies.dropped", null, "UDP replies not sent: over the rate limits,"
                    + " or past the service's declared bound.", tags.and("reason", reason), index,
                    stats -> stats.udpDropped().get(reason));
        }
        for (String reason : List.of(UdpDrops.FROM_LOOP_PORT, UdpDrops.IN_LOOP)) {
            counter("socklab.udp.requests.dropped", null, "UDP datagrams not served: from a service's"
                    + " port, or repeating an exchange as a loop between two services does.",
                    tags.and("reason", reason), index, stats -> stats.udpDropped().get(reason));
        }
    }

    private void counter(String name, String unit, String help, Tags tags, int index,
                         ToLongFunction<ListenerStats> count) {
        FunctionCounter.builder(name, this, (ToDoubleFunction<ServerMeters>) meters -> meters.stat(index, count))
                .baseUnit(unit).description(help).tags(tags).register(registry);
    }

    private double stat(int index, ToLongFunction<ListenerStats> count) {
        return count.applyAsLong(latest.get(index));
    }
}
