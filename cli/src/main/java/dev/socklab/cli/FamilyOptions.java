package dev.socklab.cli;

import picocli.CommandLine.Option;

import dev.socklab.net.Family;

/**
 * {@code --ipv4-only} or {@code --ipv6-only} for a command that connects: the clients, bench and
 * soak; use in an exclusive group. The server's are {@link Listening}, the same options in its words.
 */
final class FamilyOptions {
    @Option(names = {"-4", "--ipv4-only"}, description = "Connect over IPv4 only.")
    boolean ipv4;

    @Option(names = {"-6", "--ipv6-only"}, description = "Connect over IPv6 only.")
    boolean ipv6;

    Family family() {
        return family(ipv4, ipv6);
    }

    private static Family family(boolean ipv4, boolean ipv6) {
        return ipv4 ? Family.IPV4 : ipv6 ? Family.IPV6 : Family.ANY;
    }

    /** {@code --ipv4-only} or {@code --ipv6-only} for {@code serve}, which listens; use in an exclusive group. */
    static final class Listening {
        @Option(names = {"-4", "--ipv4-only"}, description = "Listen on IPv4 addresses only.")
        boolean ipv4;

        @Option(names = {"-6", "--ipv6-only"}, description = "Listen on IPv6 addresses only.")
        boolean ipv6;

        Family family() {
            return FamilyOptions.family(ipv4, ipv6);
        }
    }
}
