package dev.socklab.runtime;

/**
 * What a server's UDP services did not send, and why.
 *
 * @param fromLoopPorts datagrams not served because they came from a service's port: a small
 *     service's, one of socklab's defaults, or one of this server's own
 * @param overRate replies dropped by the per-source or global rate limit
 * @param overBound replies dropped because they were larger than the service's declared bound
 * @param inLoops datagrams not served because they repeated what was just exchanged with their
 *     address and port more often than a client does, as two services answering each other do
 */
public record UdpDrops(long fromLoopPorts, long overRate, long overBound, long inLoops) {
}
