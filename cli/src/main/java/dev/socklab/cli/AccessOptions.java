package dev.socklab.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine.Option;

import dev.socklab.net.AddressException;
import dev.socklab.net.AddressSet;
import dev.socklab.runtime.AccessPolicy;
import dev.socklab.runtime.Limits;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.ServiceLimits;
import dev.socklab.runtime.SourceLimits;
import dev.socklab.services.ServiceCatalog;

/**
 * {@code serve}'s options for who may connect and how much. Each is given for every service
 * ({@code --allow 10.0.0.0/8}) or, repeated with a service's name, for one ({@code --allow
 * echo=10.0.0.0/8}): a service's lists add to the server's (a client must pass both); its numbers
 * replace the server's for it.
 */
final class AccessOptions {
    @Option(names = "--allow", paramLabel = "[SERVICE=]ADDRS",
            description = "Serve only these addresses and CIDR blocks (comma list, repeatable); SERVICE= for one service. Default: everyone.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--deny", paramLabel = "[SERVICE=]ADDRS",
            description = "Refuse these addresses and CIDR blocks, even if allowed (comma list, repeatable); SERVICE= for one service.")
    List<String> deny = new ArrayList<>();

    @Option(names = "--allow-file", paramLabel = "[SERVICE=]FILE",
            description = "Like --allow, from a file: addresses and blocks, # comments.")
    List<String> allowFiles = new ArrayList<>();

    @Option(names = "--deny-file", paramLabel = "[SERVICE=]FILE",
            description = "Like --deny, from a file: addresses and blocks, # comments.")
    List<String> denyFiles = new ArrayList<>();

    @Option(names = "--max-connections", paramLabel = "[SERVICE=]N",
            description = "Connections served at once, in all (default: 10000); SERVICE=N for one service, within it.")
    List<String> maxConnections = new ArrayList<>();

    @Option(names = "--max-connections-per-source", paramLabel = "[SERVICE=]N",
            description = "Connections at once from one IPv4 address or IPv6 /64 (default: 256, loopback exempt; 0 for no limit); SERVICE=N for one service.")
    List<String> perSource = new ArrayList<>();

    @Option(names = "--max-connection-rate-per-source", paramLabel = "[SERVICE=]N",
            description = "New connections a second from one source, then a cool-off (default: 100, loopback exempt; 0 for no limit); SERVICE=N for one service.")
    List<String> ratePerSource = new ArrayList<>();

    @Option(names = "--rate-cool-off", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a source over --max-connection-rate-per-source is refused (default: 10s).")
    Duration coolOff = SourceLimits.DEFAULTS.coolOff();

    @Option(names = "--source-limit-loopback",
            description = "Apply the per-source limits to loopback clients too (exempt by default: on one host every client is one source).")
    boolean limitLoopback;

    /** The server's own connection limit: the last value given without a service. */
    int serverMaxConnections() {
        int value = Limits.DEFAULTS.maxConnections();
        for (String text : maxConnections) {
            Scoped scoped = Scoped.parse("--max-connections", text);
            if (scoped.service().isEmpty()) {
                value = number("--max-connections", scoped.value());
            }
        }
        return value;
    }

    /**
     * Adds the server's lists and limits to {@code builder}, and gives each service served its own.
     *
     * @param served the names of the services this server serves: a setting for another is a mistake
     * @return the limits of each service in {@code served}, {@link ServiceLimits#NONE} where none was given
     */
    Map<String, ServiceLimits> apply(Server.Builder builder, Set<String> served) {
        Map<String, ServiceLimits> own = new LinkedHashMap<>();
        served.forEach(name -> own.put(name, ServiceLimits.NONE));
        Map<Optional<String>, AddressSet> allows = new LinkedHashMap<>();
        Map<Optional<String>, AddressSet> denies = new LinkedHashMap<>();
        collect("--allow", allow, false, allows);
        collect("--allow-file", allowFiles, true, allows);
        collect("--deny", deny, false, denies);
        collect("--deny-file", denyFiles, true, denies);
        Set<Optional<String>> scopes = new LinkedHashSet<>(allows.keySet());
        scopes.addAll(denies.keySet());
        for (Optional<String> scope : scopes) {
            AccessPolicy policy = new AccessPolicy(allows.getOrDefault(scope, AddressSet.EMPTY),
                    denies.getOrDefault(scope, AddressSet.EMPTY));
            if (scope.isPresent()) {
                own.compute(servedOrThrow(scope.get(), served), (name, limits) -> limits.withAccess(policy));
            } else {
                builder.access(policy);
            }
        }

        Map<Optional<String>, Integer> connections = numbers("--max-connections-per-source", perSource);
        Map<Optional<String>, Integer> rates = numbers("--max-connection-rate-per-source", ratePerSource);
        if (coolOff.isNegative()) {
            throw new Errors.UsageException("--rate-cool-off cannot be negative: " + coolOff);
        }
        SourceLimits global = new SourceLimits(connections.getOrDefault(Optional.empty(), SourceLimits.DEFAULTS.maxConnections()),
                rates.getOrDefault(Optional.empty(), SourceLimits.DEFAULTS.maxRate()), coolOff, limitLoopback);
        builder.sourceLimits(global);
        Set<Optional<String>> limited = new LinkedHashSet<>(connections.keySet());
        limited.addAll(rates.keySet());
        for (Optional<String> scope : limited) {
            scope.ifPresent(name -> own.compute(servedOrThrow(name, served), (n, limits) -> limits.withSourceLimits(
                    new SourceLimits(connections.getOrDefault(scope, global.maxConnections()),
                            rates.getOrDefault(scope, global.maxRate()), coolOff, limitLoopback))));
        }

        numbers("--max-connections", maxConnections).forEach((scope, n) -> scope.ifPresent(name -> {
            if (n < 1) {
                throw new Errors.UsageException("--max-connections " + name + "=" + n
                        + ": the connection limit must be at least 1");
            }
            own.compute(servedOrThrow(name, served), (s, limits) -> limits.withMaxConnections(n));
        }));
        return own;
    }

    /**
     * One listener's own lists, with no {@code SERVICE=} scope (the admin listener's), read as
     * {@code --allow} and {@code --deny} read theirs.
     */
    static AccessPolicy unscoped(String allowFlag, List<String> allowed, String denyFlag, List<String> denied) {
        Map<Optional<String>, AddressSet> allows = new LinkedHashMap<>();
        Map<Optional<String>, AddressSet> denies = new LinkedHashMap<>();
        collect(allowFlag, allowed, false, allows);
        collect(denyFlag, denied, false, denies);
        if (allows.keySet().stream().anyMatch(Optional::isPresent) || denies.keySet().stream().anyMatch(Optional::isPresent)) {
            throw new Errors.UsageException(allowFlag + " and " + denyFlag + " name addresses for one listener: drop the SERVICE= part");
        }
        return new AccessPolicy(allows.getOrDefault(Optional.empty(), AddressSet.EMPTY),
                denies.getOrDefault(Optional.empty(), AddressSet.EMPTY));
    }

    /** Reads each value into the set for its scope, adding to what that scope already has. */
    private static void collect(String flag, List<String> texts, boolean files, Map<Optional<String>, AddressSet> into) {
        for (String text : texts) {
            Scoped scoped = files ? Scoped.parseFile(text) : Scoped.parse(flag, text);
            AddressSet set;
            try {
                set = files ? AddressSet.load(Path.of(scoped.value())) : AddressSet.parse(scoped.value());
            } catch (AddressException e) {
                throw new AddressException(flag + ": " + e.getMessage(), e);
            }
            if (set.isEmpty() && flag.contains("allow")) {
                // An empty allow list reads as "everyone": never the intent of someone who wrote one.
                throw new Errors.UsageException(flag + " " + text + " names no address; an empty allow list"
                        + " would let everyone in");
            }
            into.merge(scoped.service(), set, AddressSet::plus);
        }
    }

    /** Each scope's number, the last given for it winning. */
    private static Map<Optional<String>, Integer> numbers(String flag, List<String> texts) {
        Map<Optional<String>, Integer> values = new LinkedHashMap<>();
        for (String text : texts) {
            Scoped scoped = Scoped.parse(flag, text);
            values.put(scoped.service(), number(flag, scoped.value()));
        }
        return values;
    }

    private static int number(String flag, String text) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 0) {
                throw new Errors.UsageException(flag + " cannot be negative: " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Errors.UsageException(flag + ": '" + text + "' is not a number");
        }
    }

    static String servedOrThrow(String name, Set<String> served) {
        if (!served.contains(name)) {
            throw new Errors.UsageException("a setting names " + name + ", which this server does not serve;"
                    + " serve it too or drop the " + name + "= part");
        }
        return name;
    }

    /**
     * A value for every service, or for the one named before {@code =}. An address list never holds
     * {@code =}, so there the name must be a service's; a file path may, so there only a known
     * service's name counts as one.
     */
    record Scoped(Optional<String> service, String value) {
        static Scoped parse(String flag, String text) {
            int eq = text.indexOf('=');
            if (eq < 0) {
                return new Scoped(Optional.empty(), text);
            }
            String name = text.substring(0, eq);
            if (ServiceCatalog.find(name).isEmpty()) {
                throw new Errors.UsageException(flag + " " + text + ": unknown service '" + name
                        + "'; run 'socklab services' to list them");
            }
            return new Scoped(Optional.of(name), text.substring(eq + 1));
        }

        static Scoped parseFile(String text) {
            int eq = text.indexOf('=');
            if (eq > 0 && ServiceCatalog.find(text.substring(0, eq)).isPresent()) {
                return new Scoped(Optional.of(text.substring(0, eq)), text.substring(eq + 1));
            }
            return new Scoped(Optional.empty(), text);
        }
    }
}
