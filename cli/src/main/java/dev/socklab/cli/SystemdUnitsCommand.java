package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.SocketAddresses;
import dev.socklab.runtime.Transport;
import dev.socklab.services.ServiceCatalog;

/**
 * {@code socklab systemd-units}: a {@code .socket} and a {@code .service} unit for each service and
 * transport, so that systemd holds the port and starts {@code socklab serve --inherit} on the first
 * connection. One socket a unit, on one address: socklab serves exactly the socket it inherits.
 */
@Command(name = "systemd-units", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        sortOptions = false,
        description = {"Writes systemd socket and service units that start socklab serve --inherit on demand.",
                "Each service gets socklab-NAME.socket and socklab-NAME.service, and a second pair,"
                        + " socklab-NAME-udp, when it is served over UDP as well as TCP.",
                "Every service served by default when none is named; ftp and tftp need a directory, so"
                        + " they are left out."},
        footer = {"", "SERVICE is NAME[:PORT][/tcp|/udp], or NAME:unix:PATH for a Unix socket.", "",
                "Examples:",
                "  socklab systemd-units --output /etc/systemd/system",
                "  systemctl daemon-reload && systemctl enable --now socklab-hello.socket",
                "  socklab systemd-units hello:3000/tcp --bind ::    TCP port 3000, every address",
                "  socklab systemd-units echo --standard-ports       echo on port 7, TCP and UDP"})
final class SystemdUnitsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", arity = "0..*",
            description = "The services to write units for; every one served by default when none is named.")
    List<String> services = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR", description = "Where to write the units (default: this directory).")
    Path output = Path.of("");

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "The one address each socket listens on, such as ::1 or :: (default: 127.0.0.1).")
    String bind = "127.0.0.1";

    @Option(names = "--standard-ports",
            description = "The classic services on their IANA ports: systemd binds them, socklab needs no privilege.")
    boolean standardPorts;

    @Override
    public Integer call() {
        List<SystemdUnit> units = units();
        Path dir = output.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotWrite(dir, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (SystemdUnit unit : units) {
            write(dir.resolve(unit.name() + ".socket"), unit.socketUnit());
            write(dir.resolve(unit.name() + ".service"), unit.serviceUnit());
            out.println("wrote " + dir.resolve(unit.name()) + ".{socket,service}: " + unit.service().name() + " on "
                    + unit.transport().label() + " " + unit.listen());
        }
        out.println("Next: systemctl daemon-reload, then systemctl enable --now for each socket unit, as "
                + units.getFirst().name() + ".socket");
        out.flush();
        return ExitCode.OK.code;
    }

    /** A unit for each transport of each service asked for, as {@code serve} would serve it; no two of one name. */
    private List<SystemdUnit> units() {
        List<ServiceSelection> selections = services.isEmpty()
                ? ServiceCatalog.all().stream().filter(s -> s.defaultOnlyWith().isEmpty())
                        .map(s -> ServiceSelection.parse(s.name())).toList()
                : services.stream().map(ServiceSelection::parse).toList();
        Map<String, SystemdUnit> units = new LinkedHashMap<>();
        for (ServiceSelection selection : selections) {
            String name = selection.service().name();
            selection.service().defaultOnlyWith().ifPresent(option -> {
                throw new Errors.UsageException(name + " needs " + option + " DIR, which these units do not give;"
                        + " write its units from another service's, with " + option + " DIR after --inherit " + name);
            });
            if (selection.tls()) {
                throw new Errors.UsageException(name + ":" + selection.port().orElseThrow() + "/tls: TLS needs a"
                        + " certificate and key these units do not give; name the service without /tls");
            }
            for (Transport transport : selection.transports()) {
                String listen = selection.unixPath().map(Path::toString).orElseGet(() -> SocketAddresses.format(
                        new InetSocketAddress(address(), selection.port().orElse(selection.service()
                                .port(standardPorts)))));
                SystemdUnit unit = new SystemdUnit(selection.service(), transport, listen);
                if (units.putIfAbsent(unit.name(), unit) != null) {
                    throw new Errors.UsageException(name + " is named twice for " + transport.label() + " (" + unit.name()
                            + "); one socket a unit: name it once, or write the other into another --output");
                }
            }
        }
        return List.copyOf(units.values());
    }

    /** {@code --bind}'s address: one, as a unit holds one socket. */
    private InetAddress address() {
        return Host.parse(bind).resolve(Family.ANY).getFirst();
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(file, e);
        }
    }

    private static Errors.UsageException cannotWrite(Path file, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage());
        return new Errors.UsageException("cannot write " + file + ": " + why + "; --output names another directory");
    }
}
