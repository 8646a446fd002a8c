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
 * One service named on the {@code serve} command line: {@code SERVICE[:PORT][/tcp|/udp]} or
 * {@code SERVICE:unix:PATH}. {@code hello} is the greeting on its default port over TCP and UDP;
 * {@code hello:3000/tcp} on TCP port 3000 alone; {@code hello:unix:/tmp/hello.sock} on a Unix socket.
 * The classic amplifiers, chargen and qotd, are served over UDP only when named with {@code /udp}.
 *
 * @param port the port asked for, or empty for the service's own
 * @param unixPath the Unix socket path, when one was asked for instead of a port
 */
record ServiceSelection(ServiceInfo service, OptionalInt port, Optional<Path> unixPath, Set<Transport> transports) {
    static ServiceSelection parse(String text) {
        String rest = text;
        Optional<Transport> only = Optional.empty();
        int slash = rest.lastIndexOf('/');
        if (slash >= 0 && (rest.endsWith("/tcp") || rest.endsWith("/udp"))) {
            only = Optional.of(rest.endsWith("/tcp") ? Transport.TCP : Transport.UDP);
            rest = rest.substring(0, slash);
        }
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        ServiceInfo service = ServiceCatalog.find(name).orElseThrow(() -> new Errors.UsageException(
                "unknown service '" + name + "'; run 'socklab services' to list them"));
        if (colon >= 0 && rest.startsWith("unix:", colon + 1)) {
            if (only.isPresent()) {
                throw new Errors.UsageException("'" + text + "': a Unix socket path takes no /tcp or /udp");
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
            return new ServiceSelection(service, OptionalInt.empty(), Optional.of(socket), EnumSet.of(Transport.UNIX));
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
        Set<Transport> transports = EnumSet.noneOf(Transport.class);
        for (Transport t : EnumSet.of(Transport.TCP, Transport.UDP)) {
            boolean asked = only.isEmpty() ? t != Transport.UDP || !service.udpOnlyWhenNamed() : only.get() == t;
            if (service.transports().contains(t) && asked) {
                transports.add(t);
            }
        }
        only.ifPresent(t -> requireTransport(service, t, text));
        return new ServiceSelection(service, port, Optional.empty(), transports);
    }

    private static void requireTransport(ServiceInfo service, Transport transport, String text) {
        if (!service.transports().contains(transport)) {
            throw new Errors.UsageException("'" + text + "': " + service.name() + " is not served over "
                    + transport.label());
        }
    }
}
