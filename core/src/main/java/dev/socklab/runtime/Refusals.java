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
 * @param wrongFamily connections from an IP version the server does not take ({@code --ipv4-only},
 *     {@code --ipv6-only}), which a dual-stack socket accepts all the same
 * @param wrongFamilyDatagrams datagrams from an IP version the server does not take, which a
 *     dual-stack socket receives all the same
 * @param untrustedProxies connections to a service behind a proxy from a sender not trusted to send
 *     the PROXY header ({@code --proxy-trust})
 * @param badProxyHeaders connections to a service behind a proxy that did not start with a valid
 *     PROXY header
 * @param failedHandshakes connections to a TLS endpoint whose client failed the handshake: it spoke
 *     no TLS, or a version or ciphers the server refuses
 */
public record Refusals(long deniedConnections, long deniedDatagrams, long overServerLimit, long overServiceLimit,
                       long overSourceLimit, long overSourceRate, long wrongFamily, long wrongFamilyDatagrams,
                       long untrustedProxies, long badProxyHeaders, long failedHandshakes) {
    /** The reason a denied stream connection is counted under. */
    public static final String DENIED = "denied";
    /** The reason a datagram from a denied source is counted under. */
    public static final String DENIED_DATAGRAM = "denied_datagram";
    /** {@link #overServerLimit()}'s reason. */
    public static final String SERVER_LIMIT = "server_limit";
    /** {@link #overServiceLimit()}'s reason. */
    public static final String SERVICE_LIMIT = "service_limit";
    /** {@link #overSourceLimit()}'s reason. */
    public static final String SOURCE_LIMIT = "source_limit";
    /** {@link #overSourceRate()}'s reason. */
    public static final String SOURCE_RATE = "source_rate";
    /** {@link #wrongFamily()}'s reason. */
    public static final String FAMILY = "family";
    /** {@link #wrongFamilyDatagrams()}'s reason. */
    public static final String FAMILY_DATAGRAM = "family_datagram";
    /** {@link #untrustedProxies()}'s reason. */
    public static final String UNTRUSTED_PROXY = "untrusted_proxy";
    /** {@link #badProxyHeaders()}'s reason. */
    public static final String PROXY_HEADER = "proxy_header";
    /** {@link #failedHandshakes()}'s reason. */
    public static final String TLS_HANDSHAKE = "tls_handshake";

    /** Each reason by the name metrics and {@code /status} give it, in this order, zero or not. */
    public Map<String, Long> byReason() {
        Map<String, Long> all = new LinkedHashMap<>();
        all.put(DENIED, deniedConnections);
        all.put(DENIED_DATAGRAM, deniedDatagrams);
        all.put(SERVER_LIMIT, overServerLimit);
        all.put(SERVICE_LIMIT, overServiceLimit);
        all.put(SOURCE_LIMIT, overSourceLimit);
        all.put(SOURCE_RATE, overSourceRate);
        all.put(FAMILY, wrongFamily);
        all.put(FAMILY_DATAGRAM, wrongFamilyDatagrams);
        all.put(UNTRUSTED_PROXY, untrustedProxies);
        all.put(PROXY_HEADER, badProxyHeaders);
        all.put(TLS_HANDSHAKE, failedHandshakes);
        return all;
    }
}
