package dev.socklab.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clients a server (or one of its listeners) turned away so far, by reason.
 *
 * @param deniedConnections stream connections refused by an allow or deny list, without a byte
 * @param deniedDatagrams datagrams not served because their source is refused by an allow or deny list
 * @param overServerLimit connections past the server's limit of connections at once
 * @param overServiceLimit connections past their service's own limit of connections at once
 * @param overSourceLimit connections past the limit of connections at once from one source
 * @param overSourceRate connections past the limit of new connections a second from one source, or
 *     in its cool-off
 */
public record Refusals(long deniedConnections, long deniedDatagrams, long overServerLimit, long overServiceLimit,
                       long overSourceLimit, long overSourceRate) {
    /** The reason a denied stream connection is counted under. */
    public static final String DENIED = "denied";
    /** The reason a datagram from a denied source is counted under. */
    public static final String DENIED_DATAGRAM = "denied_datagram";
    public static final String SERVER_LIMIT = "server_limit";
    public static final String SERVICE_LIMIT = "service_limit";
    public static final String SOURCE_LIMIT = "source_limit";
    public static final String SOURCE_RATE = "source_rate";

    /** Each reason by the name metrics and {@code /status} give it, in this order, zero or not. */
    public Map<String, Long> byReason() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put(DENIED, deniedConnections);
        all.put(DENIED_DATAGRAM, deniedDatagrams);
        all.put(SERVER_LIMIT, overServerLimit);
        all.put(SERVICE_LIMIT, overServiceLimit);
        all.put(SOURCE_LIMIT, overSourceLimit);
        all.put(SOURCE_RATE, overSourceRate);
        return all;
    }
}
