package dev.socklab.services;

import java.util.OptionalInt;
import java.util.Set;

import dev.socklab.runtime.Transport;

/**
 * What {@code socklab services} tells about a built-in service.
 *
 * @param name how the command line names it
 * @param summary one line on what it does
 * @param reference where its behaviour is specified: an RFC, or the lab
 * @param defaultPort its port unless told otherwise, always 1024 or above so that no privileges are needed
 * @param standardPort its IANA port, used with {@code --standard-ports}, if it has one
 * @param transports where it can be served; a stream service over TCP also serves Unix sockets
 * @param udpOnlyWhenNamed whether UDP is served only when asked for by name ({@code chargen/udp}):
 *     for services whose replies are large next to their requests, the classic amplifiers
 */
public record ServiceInfo(String name, String summary, String reference, int defaultPort, OptionalInt standardPort,
                          Set<Transport> transports, boolean udpOnlyWhenNamed) {
    /** The port to serve on: the IANA one when asked for and known, else the default. */
    public int port(boolean standardPorts) {
        return standardPorts && standardPort.isPresent() ? standardPort.getAsInt() : defaultPort;
    }
}
