package dev.socklab.runtime;

/**
 * What keeps a server's UDP services from being turned against anyone. A UDP service answers
 * whatever source address a datagram claims, so an attacker can aim its replies at a victim;
 * these limits bound how much any one address, and all of them together, can receive.
 *
 * @param perSourceRate replies per second to one source (an IPv4 address, or an IPv6 /64)
 * @param perSourceBurst replies one source may get at once, before the rate applies
 * @param globalRate replies per second to all sources together (also the global burst)
 * @param limitLoopback whether loopback sources are limited too; by default they are not, since a
 *     datagram from outside the host cannot carry a loopback source address (the kernel drops it
 *     as martian), so there is no one to reflect onto, and local tests and benchmarks measure the
 *     service rather than the limiter
 */
public record UdpLimits(int perSourceRate, int perSourceBurst, int globalRate, boolean limitLoopback) {
    /** 10 replies per second per source with a burst of 20, 1,000 per second in all, loopback exempt. */
    public static final UdpLimits DEFAULTS = new UdpLimits(10, 20, 1000, false);

    /** Rejects limits that would let nothing through. */
    public UdpLimits {
        if (perSourceRate < 1 || perSourceBurst < 1 || globalRate < 1) {
            throw new SettingException("UDP rate limits must be at least 1: per source " + perSourceRate
                    + "/s, burst " + perSourceBurst + ", in all " + globalRate + "/s");
        }
    }

    /** These limits with loopback sources limited as well, or not. */
    public UdpLimits withLimitLoopback(boolean value) {
        return new UdpLimits(perSourceRate, perSourceBurst, globalRate, value);
    }
}
