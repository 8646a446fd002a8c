package dev.socklab.service;

import java.util.List;

/**
 * A {@link StreamService} or {@link DatagramService} that shows what it holds now as gauges, which
 * the admin listener's {@code /metrics} exports tagged with the service's name. The runtime counts
 * connections, bytes and datagrams itself; these are what only the service knows: members, rooms,
 * games, transfers.
 */
public interface Gauges {
    /** The gauges, the same ones on every call. */
    List<Gauge> gauges();
}
