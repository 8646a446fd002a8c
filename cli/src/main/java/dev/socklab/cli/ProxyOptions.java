package dev.socklab.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import picocli.CommandLine.Option;

import dev.socklab.net.AddressException;
import dev.socklab.net.AddressSet;
import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.proxy.ProxyVersion;
import dev.socklab.runtime.ServiceLimits;

/**
 * {@code serve}'s PROXY protocol options (haproxy.org's proxy-protocol.txt), written as the other
 * per-service settings are: {@code --proxy-protocol v2} for every stream service served, or
 * {@code --proxy-protocol http=v1} for one; {@code --proxy-trust} names the proxies that may send
 * the header, for every service or, with {@code SERVICE=}, for one instead. Never guessed: a
 * service with the protocol takes only connections that start with a header from a trusted proxy.
 */
final class ProxyOptions {
    @Option(names = "--proxy-protocol", paramLabel = "[SERVICE=]VERSION",
            description = "Every connection starts with a PROXY protocol header naming the real client: v1, v2 or any"
                    + " (repeatable); SERVICE= for one service, else every stream service. Needs --proxy-trust.")
    List<String> versions = new ArrayList<>();

    @Option(names = "--proxy-trust", paramLabel = "[SERVICE=]ADDRS",
            description = "The proxies that may send the header: addresses and CIDR blocks, and unix: for Unix sockets"
                    + " (comma list, repeatable); SERVICE= for one service, instead of the list for all.")
    List<String> trust = new ArrayList<>();

    /** The trust list given for one scope: addresses and blocks, and whether Unix socket peers are trusted. */
    record Trust(AddressSet addresses, boolean unix) {
        Trust plus(Trust other) {
            return new Trust(addresses.plus(other.addresses), unix || other.unix);
        }
    }

    /**
     * Gives each stream service served that must read a PROXY header its policy.
     *
     * @param streamServed the services served on a TCP or Unix endpoint
     * @param served every service served: a setting for another is a mistake
     * @param limits each served service's limits, to which the policies are added
     */
    void apply(Set<String> streamServed, Set<String> served, Map<String, ServiceLimits> limits) {
        Map<Optional<String>, Set<ProxyVersion>> asked = versions();
        Map<Optional<String>, Trust> trusted = trusted();
        if (asked.isEmpty()) {
            if (!trusted.isEmpty()) {
                throw new Errors.UsageException("--proxy-trust says who may send a PROXY protocol header, but no"
                        + " --proxy-protocol asks for one; add --proxy-protocol v1, v2 or any");
            }
            return;
        }
        Set<Optional<String>> scopes = new LinkedHashSet<>(asked.keySet());
        scopes.addAll(trusted.keySet());
        for (Optional<String> scope : scopes) {
            scope.ifPresent(name -> streamOrThrow(name, streamServed, served));
        }
        if (asked.containsKey(Optional.empty()) && streamServed.isEmpty()) {
            throw new Errors.UsageException("--proxy-protocol is for stream services, and none is served here:"
                    + " the header comes first on TCP and Unix socket connections");
        }
        for (String service : streamServed) {
            Optional<String> own = Optional.of(service);
            Set<ProxyVersion> accepted = asked.getOrDefault(own, asked.get(Optional.empty()));
            Trust trust = trusted.getOrDefault(own, trusted.get(Optional.empty()));
            if (accepted == null) {
                if (trusted.containsKey(own)) {
                    throw new Errors.UsageException("--proxy-trust " + service + "=ADDRS says who may send " + service
                            + " a PROXY protocol header, but no --proxy-protocol asks for one; add --proxy-protocol "
                            + service + "=v1, v2 or any");
                }
                continue;
            }
            if (trust == null) {
                throw new Errors.UsageException("--proxy-protocol needs --proxy-trust for " + service
                        + ": the addresses of the proxies that may send the header, such as --proxy-trust 10.0.0.5"
                        + " or --proxy-trust " + service + "=10.0.0.0/24 (unix: for a Unix socket)");
            }
            ProxyPolicy policy = new ProxyPolicy(accepted, trust.addresses(), trust.unix());
            limits.compute(service, (name, current) -> current.withProxy(policy));
        }
    }

    /** Each scope's versions, the last given for it winning. */
    private Map<Optional<String>, Set<ProxyVersion>> versions() {
        Map<Optional<String>, Set<ProxyVersion>> values = new LinkedHashMap<>();
        for (String text : versions) {
            AccessOptions.Scoped scoped = AccessOptions.Scoped.parse("--proxy-protocol", text);
            Set<ProxyVersion> accepted = switch (scoped.value().strip().toLowerCase(Locale.ROOT)) {
                case "v1" -> EnumSet.of(ProxyVersion.V1);
                case "v2" -> EnumSet.of(ProxyVersion.V2);
                case "any" -> EnumSet.allOf(ProxyVersion.class);
                default -> throw new Errors.UsageException("--proxy-protocol " + text
                        + ": the version is v1 (nginx's proxy_protocol, HAProxy's send-proxy), v2 (send-proxy-v2) or any");
            };
            values.put(scoped.service(), accepted);
        }
        return values;
    }

    /** Each scope's trust list, the lists given for one scope adding up. */
    private Map<Optional<String>, Trust> trusted() {
        Map<Optional<String>, Trust> values = new LinkedHashMap<>();
        for (String text : trust) {
            AccessOptions.Scoped scoped = AccessOptions.Scoped.parse("--proxy-trust", text);
            boolean unix = false;
            List<String> blocks = new ArrayList<>();
            for (String entry : scoped.value().split("[,\\s]+")) {
                String e = entry.strip();
                if (e.equals("unix:")) {
                    unix = true;
                } else if (!e.isEmpty()) {
                    blocks.add(e);
                }
            }
            AddressSet addresses;
            try {
                addresses = AddressSet.parse(String.join(",", blocks));
            } catch (AddressException e) {
                throw new AddressException("--proxy-trust: " + e.getMessage(), e);
            }
            if (addresses.isEmpty() && !unix) {
                throw new Errors.UsageException("--proxy-trust " + text + " names no proxy: give its addresses or"
                        + " CIDR blocks, or unix: for a Unix socket");
            }
            values.merge(scoped.service(), new Trust(addresses, unix), Trust::plus);
        }
        return values;
    }

    private static void streamOrThrow(String name, Set<String> streamServed, Set<String> served) {
        AccessOptions.servedOrThrow(name, served);
        if (!streamServed.contains(name)) {
            throw new Errors.UsageException(name + " is served over UDP alone here, and the PROXY protocol is for"
                    + " stream connections: serve " + name + " over TCP or a Unix socket, or drop the " + name + "= part");
        }
    }
}
