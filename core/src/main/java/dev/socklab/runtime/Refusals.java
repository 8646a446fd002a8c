package dev.socklab.runtime;

/**
 * Clients a server turned away so far, by reason.
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
}
