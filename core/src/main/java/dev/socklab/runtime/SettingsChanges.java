package dev.socklab.runtime;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import dev.socklab.proxy.ProxyPolicy;
import dev.socklab.text.Durations;
import dev.socklab.tls.ServerTls;

/** What a reload changes, one line a setting: {@code idle timeout: 1m -> 5s}, {@code echo: deny: none -> 10.0.0.0/8}. */
final class SettingsChanges {
    private final List<String> lines = new ArrayList<>();

    private SettingsChanges() {
    }

    /** The lines from {@code before} to {@code after}, server-wide first, then each service's by name. */
    static List<String> between(ServerSettings before, ServerSettings after) {
        SettingsChanges changes = new SettingsChanges();
        changes.limits("", before.limits(), after.limits());
        changes.add("", "UDP limits", before.udpLimits(), after.udpLimits(), SettingsChanges::udp);
        changes.add("", "max log rate", before.maxLogRate(), after.maxLogRate(),
                rate -> rate == 0 ? "no limit" : rate + " a second");
        changes.access("", before.access(), after.access());
        changes.add("", "per-source limits", before.sourceLimits(), after.sourceLimits(), SettingsChanges::source);
        for (String name : new TreeSet<>(after.services().keySet())) {
            changes.service(name + ": ", before.service(name), after.service(name));
        }
        changes.tls(before.tls(), after.tls());
        return changes.lines;
    }

    private void limits(String scope, Limits before, Limits after) {
        add(scope, "max connections", before.maxConnections(), after.maxConnections(), String::valueOf);
        add(scope, "idle timeout", before.idleTimeout(), after.idleTimeout(), Durations::format);
        add(scope, "write timeout", before.writeTimeout(), after.writeTimeout(), Durations::format);
        add(scope, "first-request timeout", before.firstRequestTimeout(), after.firstRequestTimeout(),
                d -> d.isZero() ? "none" : Durations.format(d));
        add(scope, "max line length", before.maxLineLength(), after.maxLineLength(), n -> n + " bytes");
        add(scope, "shutdown grace", before.shutdownGrace(), after.shutdownGrace(), Durations::format);
    }

    private void access(String scope, AccessPolicy before, AccessPolicy after) {
        add(scope, "allow", before.allow(), after.allow(), set -> set.isEmpty() ? "everyone" : set.toString());
        add(scope, "deny", before.deny(), after.deny(), set -> set.isEmpty() ? "no one" : set.toString());
    }

    private void service(String scope, ServiceLimits before, ServiceLimits after) {
        access(scope, before.access(), after.access());
        add(scope, "max connections", before.maxConnections(), after.maxConnections(),
                n -> n.isPresent() ? String.valueOf(n.getAsInt()) : "the server's");
        add(scope, "per-source limits", before.sourceLimits(), after.sourceLimits(),
                s -> s.map(SettingsChanges::source).orElse("the server's"));
        add(scope, "idle timeout", before.idleTimeout(), after.idleTimeout(),
                d -> d.map(Durations::format).orElse("the server's"));
        add(scope, "PROXY protocol", before.proxy(), after.proxy(), SettingsChanges::proxy);
    }

    private void tls(Optional<ServerTls> before, Optional<ServerTls> after) {
        add("", "TLS files", before.map(ServerTls::files), after.map(ServerTls::files),
                files -> files.map(f -> f.certificate() + ", " + f.key() + f.clientCa().map(ca -> ", clients' CA " + ca)
                        .orElse("")).orElse("none"));
        add("", "TLS certificate", before.map(ServerTls::certificate), after.map(ServerTls::certificate),
                c -> c.map(SettingsChanges::certificate).orElse("none"));
    }

    /** By the text the user reads: an address list read again from its file is the same list if it reads the same. */
    private <T> void add(String scope, String name, T before, T after, Function<T, String> text) {
        String was = text.apply(before);
        String is = text.apply(after);
        if (!was.equals(is)) {
            lines.add(scope + name + ": " + was + " -> " + is);
        }
    }

    private static String udp(UdpLimits limits) {
        return limits.perSourceRate() + "/s per source, burst " + limits.perSourceBurst() + ", " + limits.globalRate()
                + "/s in all" + (limits.limitLoopback() ? ", loopback too" : "");
    }

    private static String source(SourceLimits limits) {
        return (limits.maxConnections() == 0 ? "any number" : limits.maxConnections()) + " at once, "
                + (limits.maxRate() == 0 ? "any number" : limits.maxRate()) + " a second, cool-off "
                + Durations.format(limits.coolOff()) + (limits.limitLoopback() ? ", loopback too" : "");
    }

    private static String proxy(Optional<ProxyPolicy> policy) {
        return policy.map(p -> new TreeSet<>(p.versions().stream().map(v -> v.toString().toLowerCase(Locale.ROOT))
                .toList()) + " from " + p.trusted() + (p.trustUnix() ? " and unix" : "")).orElse("none");
    }

    private static String certificate(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16)
                + ") until " + certificate.getNotAfter().toInstant();
    }
}
