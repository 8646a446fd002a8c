package dev.socklab.runtime;

import java.time.Instant;

/**
 * A stream connection being served, as {@link Server#connections()} reads it.
 *
 * @param id the number in its tag ({@code chat#12}), unique in the server
 * @param service the service's name
 * @param transport the endpoint's label: {@code tcp}, {@code tls}, {@code unix}
 * @param listener the address it was accepted on, as the lab writes it
 * @param client the client's address; behind a proxy, the client the PROXY header named, {@code via} the proxy
 * @param started when it was accepted
 * @param bytesIn bytes received so far
 * @param bytesOut bytes sent so far
 */
public record OpenConnection(long id, String service, String transport, String listener, String client,
                             Instant started, long bytesIn, long bytesOut) {
}
