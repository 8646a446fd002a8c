package dev.socklab.cli;

import picocli.CommandLine.Option;

import dev.socklab.net.Family;

/** {@code --ipv4-only} or {@code --ipv6-only}, for the server and the clients alike; use in an exclusive group. */
final class FamilyOptions {
    @Option(names = {"-4", "--ipv4-only"}, description = "IPv4 only: listen on, or connect to, IPv4 addresses alone.")
    boolean ipv4;

    @Option(names = {"-6", "--ipv6-only"}, description = "IPv6 only: listen on, or connect to, IPv6 addresses alone.")
    boolean ipv6;

    Family family() {
        return ipv4 ? Family.IPV4 : ipv6 ? Family.IPV6 : Family.ANY;
    }
}
