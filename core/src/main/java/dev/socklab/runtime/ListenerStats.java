package dev.socklab.runtime;

import java.time.Duration;
import java.util.Map;

/**
 * What one listener (a service on one socket) has done since the server started, as
 * {@link Server#listenerStats()} reads it: every count only grows, but {@code active}.
 *
 * @param service the service's name
 * @param transport the endpoint's label: {@code tcp}, {@code tls}, {@code udp}, {@code unix}
 * @param address the bound address as the lab writes it: {@code 127.0.0.1:7}, {@code [::1]:7}, {@code unix:/run/echo.sock}
 * @param active stream connections being served now
 * @param accepted stream connections handed to the service: those refused at the accept are not, those
 *     its prologue (a PROXY header, a TLS handshake) turns away are, and in {@code refused} too
 * @param refused clients turned away, by {@link Refusals#byReason()}'s reasons
 * @param ended stream connections that have ended
 * @param endedTime the durations of the connections that have ended, added up
 * @param bytesIn bytes received: on the stream connections (and their data connections), or in datagrams
 *     and the exchanges they opened
 * @param bytesOut bytes sent, likewise
 * @param datagramsIn datagrams received, including those not served
 * @param datagramsOut datagrams sent: replies, and sends to a kept peer or within an exchange
 * @param udpDropped datagrams not served and replies not sent, by {@link UdpDrops#byReason()}'s reasons
 */
public record ListenerStats(String service, String transport, String address, long active, long accepted,
                            Map<String, Long> refused, long ended, Duration endedTime, long bytesIn, long bytesOut,
                            long datagramsIn, long datagramsOut, Map<String, Long> udpDropped) {
}
