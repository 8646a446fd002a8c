package dev.socklab.cli;

import picocli.CommandLine.Option;

/** {@code --udp}, for the client commands whose service has a UDP side: every one but chat. */
final class UdpOption {
    @Option(names = "--udp", description = "Use UDP instead of TCP.")
    boolean udp;
}
