package dev.socklab.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.socklab.net.AddressException;
import dev.socklab.net.Ports;
import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;

/**
 * One service named on the {@code serve} command line: {@code SERVICE[:PORT][/tcp|/udp]},
 * {@code SERVICE:PORT/tls} or {@code SERVICE:unix:PATH}. {@code hello} is the greeting on its
 * default port over TCP and UDP; {@code hello:3000/tcp} on TCP port 3000 alone;
 * {@code http:10443/tls} over TLS on TCP port 10443; {@code hello:unix:/tmp/hello.sock} on a Unix
 * socket. The classic amplifiers, chargen and qotd, are served over UDP only when named with
 * {@code /udp}. A TLS endpoint needs its port written out: the service's default port stays plain,
 * so {@code http http:10443/tls} serves both.
 *
 * @param port the port asked for, or empty for the service's own
 * @param unixPath the Unix socket path, when one was asked for instead of a port
 * @param tls whether the TCP endpoint speaks TLS ({@code /tls})
 */
record ServiceSelection(ServiceInfo service, OptionalInt port, Optional<Path> unixPath, Set<Transport> transports,
                        boolean tls) {
    static ServiceSelection parse(String text) {
        String rest = text;
        Optional<Transport> only = Optional.empty();
        boolean tls = rest.endsWith("/tls");
        int slash = rest.lastIndexOf('/');
        if (slash >= 0 && (rest.endsWith("/tcp") || rest.endsWith("/udp") || tls)) {
            only = Optional.of(rest.endsWith("/udp") ? Transport.UDP : Transport.TCP);
            rest = rest.substring(0, slash);
        }
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        ServiceInfo service = ServiceCatalog.find(name).orElseThrow(() -> new Errors.UsageException(
                "unknown service '" + name + "'; run 'socklab services' to list them"));
        if (colon >= 0 && rest.startsWith("unix:", colon + 1)) {
            if (only.isPresent()) {
                throw new Errors.UsageException("'" + text + "': a Unix socket path takes no /tcp, /udp or /tls");
            }
            String path = rest.substring(colon + "unix:".length() + 1);
            if (path.isEmpty()) {
                throw new Errors.UsageException("'" + text + "': give the socket's path after unix:");
            }
            requireTransport(service, Transport.UNIX, text);
            Path socket;
            try {
                socket = Path.of(path);
            } catch (InvalidPathException e) {
                throw new Errors.UsageException("'" + text + "': the socket path cannot be used: " + e.getReason());
            }
            return new ServiceSelection(service, OptionalInt.empty(), Optional.of(socket), EnumSet.of(Transport.UNIX),
                    false);
        }
        OptionalInt port = OptionalInt.empty();
        if (colon >= 0) {
            String portText = rest.substring(colon + 1);
            try {
                port = OptionalInt.of(Ports.parse(portText));
            } catch (AddressException e) {
                throw new Errors.UsageException("'" + text + "': " + e.getMessage());
            }
        }
        if (tls) {
            return tls(service, port, text);
        }
        Set<Transport> transports = EnumSet.noneOf(Transport.class);
        for (Transport t : EnumSet.of(Transport.TCP, Transport.UDP)) {
            boolean asked = only.isEmpty() ? t != Transport.UDP || !service.udpOnlyWhenNamed() : only.get() == t;
            if (service.transports().contains(t) && asked) {
                transports.add(t);
            }
        }
        only.ifPresent(t -> requireTransport(service, t, text));
        return new ServiceSelection(service, port, Optional.empty(), transports, false);
    }

    /** TLS is TCP's, on a port of its own: the default port stays plain, whoever else names the service. */
    private static ServiceSelection tls(ServiceInfo service, OptionalInt port, String text) {
        if (!service.transports().contains(Transport.TCP)) {
            throw new Errors.UsageException("'" + text + "': TLS runs over TCP, and " + service.name()
                    + " is not served over tcp");
        }
        if (port.isEmpty()) {
            throw new Errors.UsageException("'" + text + "': name the port TLS listens on, as " + service.name()
                    + ":10443/tls; " + service.name() + "'s default port, " + service.port(false) + ", stays plain");
        }
        return new ServiceSelection(service, port, Optional.empty(), EnumSet.of(Transport.TCP), true);
    }

    private static void requireTransport(ServiceInfo service, Transport transport, String text) {
        if (!service.transports().contains(transport)) {
            throw new Errors.UsageException("'" + text + "': " + service.name() + " is not served over "
                    + transport.label());
        }
    }
}
