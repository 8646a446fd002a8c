package dev.socklab.cli;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Option;

import dev.socklab.net.AddressException;
import dev.socklab.net.Family;
import dev.socklab.net.Host;
import dev.socklab.net.Ports;
import dev.socklab.runtime.Endpoint;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.ServiceLimits;
import dev.socklab.services.admin.AdminService;
import dev.socklab.services.http.HttpSettings;

/**
 * {@code serve}'s admin listener: {@code /metrics} and {@code /status} over HTTP, served by the same
 * server as the service {@code admin}, only where {@code --admin} says, with lists of its own on top
 * of the server's {@code --allow} and {@code --deny}.
 */
final class AdminOptions {
    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Serve the status page (/), /metrics (Prometheus) and /status (JSON) over HTTP on this address;"
                    + " 127.0.0.1:10090 keeps it on loopback. Off unless given.")
    String address;

    @Option(names = "--admin-allow", paramLabel = "ADDRS",
            description = "Let only these addresses and CIDR blocks use the admin listener (comma list, repeatable).")
    List<String> allow = new ArrayList<>();

    @Option(names = "--admin-deny", paramLabel = "ADDRS",
            description = "Refuse these addresses and CIDR blocks on the admin listener, even if allowed (comma list, repeatable).")
    List<String> deny = new ArrayList<>();

    /** The admin service, added to {@code builder} on its own endpoint, if {@code --admin} asks for it. */
    Optional<AdminService> register(Server.Builder builder) {
        if (address == null) {
            if (!allow.isEmpty() || !deny.isEmpty()) {
                throw new Errors.UsageException((allow.isEmpty() ? "--admin-deny" : "--admin-allow")
                        + " is for the admin listener, which only --admin HOST:PORT starts (such as --admin 127.0.0.1:10090)");
            }
            return Optional.empty();
        }
        ServiceLimits own = ServiceLimits.NONE.withAccess(AccessOptions.unscoped("--admin-allow", allow, "--admin-deny", deny));
        AdminService admin = new AdminService(HttpSettings.defaults(), Clock.systemUTC());
        builder.stream(AdminService.NAME, admin, Endpoint.tcp(endpoint(address)), own);
        return Optional.of(admin);
    }

    /** {@code HOST:PORT}, an IPv6 host in brackets: {@code 127.0.0.1:10090}, {@code [::1]:10090}. */
    static InetSocketAddress endpoint(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (colon < 0 || host.isEmpty() || host.contains(":") && !host.startsWith("[")) {
            throw new Errors.UsageException("--admin takes HOST:PORT, an IPv6 host in brackets, such as 127.0.0.1:10090"
                    + " or [::1]:10090, not '" + text + "'");
        }
        try {
            return new InetSocketAddress(Host.parse(host).resolve(Family.ANY).getFirst(), Ports.parse(text.substring(colon + 1)));
        } catch (AddressException e) {
            throw new AddressException("--admin " + text + ": " + e.getMessage(), e);
        }
    }
}
