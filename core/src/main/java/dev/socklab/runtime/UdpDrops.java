package dev.socklab.runtime;

/**
 * What a server's UDP services did not send, and why.
 *
 * @param fromLoopPorts datagrams not served because they came from a small service's port
 * @param overRate replies dropped by the per-source or global rate limit
 * @param overBound replies dropped because they were larger than the service's declared bound
 */
public record UdpDrops(long fromLoopPorts, long overRate, long overBound) {
}
