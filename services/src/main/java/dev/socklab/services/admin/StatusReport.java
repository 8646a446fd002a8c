package dev.socklab.services.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.socklab.runtime.ListenerStats;
import dev.socklab.runtime.OpenConnection;
import dev.socklab.runtime.Server;
import dev.socklab.service.Gauge;

/**
 * The server now, as {@code /status} shows it and the status page reads it: each service with its
 * listeners and their counts, the open connections, and the refusals and UDP drops of the whole
 * server. The shape, which tools depend on (fields may be added, never renamed):
 *
 * <pre>{@code
 * {"time": "2026-12-07T04:40:00Z", "uptime_seconds": 12.5,
 *  "services": [{"name": "chat", "gauges": {"chat_members": 2},
 *                "listeners": [{"transport": "tcp", "address": "127.0.0.1:10003", "active": 2, "accepted": 5,
 *                               "ended": 3, "ended_seconds": 41.2, "bytes_in": 120, "bytes_out": 900,
 *                               "datagrams_in": 0, "datagrams_out": 0, "refused": {"denied": 0, ...},
 *                               "udp_dropped": {"over_rate": 0, ...}}]}],
 *  "connections": [{"id": 4, "service": "chat", "transport": "tcp", "client": "127.0.0.1:50000",
 *                   "listener": "127.0.0.1:10003", "started": "2026-12-07T04:39:58Z", "age_seconds": 2.1,
 *                   "bytes_in": 30, "bytes_out": 200}],
 *  "refused": {"denied": 0, ...}, "udp_dropped": {"over_rate": 0, ...}}
 * }</pre>
 */
public final class StatusReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StatusReport() {
    }

    /** {@code server}'s status at {@code now}, {@code uptime} after the process started. */
    public static ObjectNode of(Server server, Instant now, Duration uptime) {
        ObjectNode json = JSON.createObjectNode();
        json.put("time", now.toString());
        json.put("uptime_seconds", seconds(uptime));
        json.set("services", services(server.listenerStats(), server.gauges()));
        ArrayNode connections = json.putArray("connections");
        for (OpenConnection c : server.connections()) {
            ObjectNode one = connections.addObject();
            one.put("id", c.id());
            one.put("service", c.service());
            one.put("transport", c.transport());
            one.put("client", c.client());
            one.put("listener", c.listener());
            one.put("started", c.started().toString());
            one.put("age_seconds", seconds(Duration.between(c.started(), now)));
            one.put("bytes_in", c.bytesIn());
            one.put("bytes_out", c.bytesOut());
        }
        json.set("refused", counts(server.refusals().byReason()));
        json.set("udp_dropped", counts(server.udpDrops().byReason()));
        return json;
    }

    /** {@code json} as the bytes of a response: pretty, for a person with curl, and a line end for a terminal. */
    public static byte[] bytes(ObjectNode json) {
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Listeners grouped by service, in the order the server was given them. */
    private static ArrayNode services(List<ListenerStats> listeners, Map<String, List<Gauge>> gauges) {
        Map<String, List<ListenerStats>> byService = new LinkedHashMap<>();
        listeners.forEach(l -> byService.computeIfAbsent(l.service(), name -> new ArrayList<>()).add(l));
        ArrayNode services = JSON.createArrayNode();
        byService.forEach((name, own) -> {
            ObjectNode service = services.addObject();
            service.put("name", name);
            ObjectNode values = service.putObject("gauges");
            gauges.getOrDefault(name, List.of()).forEach(g -> values.put(g.name(), g.value().getAsLong()));
            ArrayNode array = service.putArray("listeners");
            for (ListenerStats l : own) {
                ObjectNode one = array.addObject();
                one.put("transport", l.transport());
                one.put("address", l.address());
                one.put("active", l.active());
                one.put("accepted", l.accepted());
                one.put("ended", l.ended());
                one.put("ended_seconds", seconds(l.endedTime()));
                one.put("bytes_in", l.bytesIn());
                one.put("bytes_out", l.bytesOut());
                one.put("datagrams_in", l.datagramsIn());
                one.put("datagrams_out", l.datagramsOut());
                one.set("refused", counts(l.refused()));
                one.set("udp_dropped", counts(l.udpDropped()));
            }
        });
        return services;
    }

    private static ObjectNode counts(Map<String, Long> byReason) {
        ObjectNode json = JSON.createObjectNode();
        byReason.forEach(json::put);
        return json;
    }

    /** Seconds to the millisecond: a duration as JSON numbers carry it. */
    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
