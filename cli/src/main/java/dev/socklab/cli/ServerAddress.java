package dev.socklab.cli;

import picocli.CommandLine.Parameters;

import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.services.ServiceCatalog;

/** The server as most client commands take it: {@code [HOST] [PORT]}, localhost and the service's own port by default. */
final class ServerAddress {
    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "Server host: a name, 127.0.0.1, ::1, or a decimal IPv4 number (default: localhost).")
    String host = "localhost";

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT",
            description = "Server port: a number or a name from /etc/services (default: the service's own).")
    String port;

    Host host() {
        return Host.parse(host);
    }

    /** The port given, or the default port of {@code service}. */
    int port(String service) {
        return port == null ? defaultPort(service) : Ports.parse(port);
    }

    static int defaultPort(String service) {
        return ServiceCatalog.find(service).orElseThrow().defaultPort();
    }
}
