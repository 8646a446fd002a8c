package dev.socklab.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import dev.socklab.net.AddressException;
import dev.socklab.runtime.Reconfigured;
import dev.socklab.runtime.Server;
import dev.socklab.runtime.SettingException;
import dev.socklab.services.Reloadable;
import dev.socklab.services.ServiceHalves;
import dev.socklab.services.ServiceReload;
import dev.socklab.text.Visible;

/**
 * What {@code kill -HUP} does to a running {@code socklab serve}: reads the settings again (the
 * command line as typed, with its {@code --config} file read anew), checks them all as at start,
 * and puts in force what can change without dropping a connection: the server's access lists,
 * limits, rates, timeouts and TLS pair ({@link Server#reconfigure}), the services' own settings
 * ({@link Reloadable}), and the log level. Settings that fail a check change nothing; a change
 * that needs a restart (a port, a service, a setting no service takes anew) is named, and then
 * nothing is changed either: a reload is applied whole or not at all.
 */
final class Reload {
    private static final Logger LOG = LoggerFactory.getLogger("socklab.reload");
    /**
     * The options a reload puts in force. Those of the endpoints, the engine and the IP versions are
     * here too: the server compares what they ask for with what it serves, and names any difference
     * as needing a restart. Every option not here needs a restart.
     */
    static final Set<String> RELOADABLE = Set.of(
            "--bind", "--ipv4-only", "--ipv6-only", "--standard-ports", "--io", "--io-threads", "--admin",
            "--idle-timeout", "--write-timeout", "--first-request-timeout", "--max-line-length", "--shutdown-grace",
            "--max-log-rate", "--udp-rate", "--udp-burst", "--udp-global-rate", "--udp-limit-loopback",
            "--tls-cert", "--tls-key", "--tls-client-ca",
            "--allow", "--deny", "--allow-file", "--deny-file", "--admin-allow", "--admin-deny", "--max-connections", "--max-connections-per-source",
            "--max-connection-rate-per-source", "--rate-cool-off", "--source-limit-loopback",
            "--proxy-protocol", "--proxy-trust",
            "--quotes", "--qotd-mode", "--arp-table", "--arp-entry", "--arp-source",
            "--chat-history", "--chat-max-rooms", "--chat-max-members", "--chat-max-line", "--chat-rate",
            "--chat-burst", "--chat-send-queue", "--chat-max-lag", "--chat-idle-timeout",
            "--connect4-move-timeout", "--connect4-challenge-timeout", "--connect4-max-players",
            "--connect4-max-games", "--connect4-max-spectators", "--connect4-max-line", "--connect4-rate",
            "--connect4-burst", "--connect4-idle-timeout",
            "--http-max-request-line", "--http-max-head", "--http-max-fields", "--http-max-body", "--http-head-timeout",
            "--http-request-timeout", "--http-keep-alive",
            "--tftp-max-blksize", "--tftp-max-windowsize", "--tftp-max-transfers", "--tftp-max-transfers-per-source",
            "--tftp-max-upload", "--tftp-quota-per-source",
            "--ftp-max-upload", "--ftp-quota-per-source", "--ftp-users", "--ftp-anonymous",
            "--arena-max-players", "--arena-timeout",
            "--rpc-deadline", "--rpc-max-request", "--rpc-max-batch", "--rpc-allow-none",
            "--greeting", "--format", "--zone", "--ack-wait", "--udp-amplification", "--request-pause",
            "--log-level");

    /** Whether a reload thread waits for its turn. */
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final List<String> commandLine;
    private final Server server;
    /** The services serving, each once, that take settings anew. */
    private final List<Reloadable> reloadable;
    /** The command whose settings are in force: what the next reload compares with. */
    private ServeCommand current;

    /**
     * @param commandLine serve's arguments as typed
     * @param current the command the server was started with
     * @param made the services serving, by name
     */
    Reload(List<String> commandLine, ServeCommand current, Map<String, ServiceHalves> made, Server server) {
        this.commandLine = List.copyOf(commandLine);
        this.current = current;
        this.server = server;
        this.reloadable = reloadable(made.values(), current.serviceOptions.shared());
    }

    /** Each service half, and each thing they share, that takes settings anew, once each. */
    private static List<Reloadable> reloadable(Collection<ServiceHalves> made, List<Reloadable> shared) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.concat(made.stream().flatMap(h -> Stream.concat(h.stream().stream(), h.datagram().stream())),
                        shared.stream())
                .filter(seen::add).filter(Reloadable.class::isInstance).map(Reloadable.class::cast).toList();
    }

    /**
     * Asks for a reload, on a thread of its own: a signal must not wait. A burst of signals is one
     * reload more, not one each: at most one thread waits while another reloads, and it reads the
     * settings once it runs, so it sees every change made before the last signal.
     */
    void request() {
        if (waiting.compareAndSet(false, true)) {
            Thread.ofPlatform().name("socklab reload").start(() -> {
                synchronized (this) {
                    waiting.set(false);
                    run();
                }
            });
        }
    }

    /** Reads, checks and applies the settings, logging what changed, or why nothing did. One reload at a time. */
    synchronized void run() {
        LOG.info("SIGHUP: reading the settings again");
        ServeCommand fresh;
        ServeCommand.Prepared prepared;
        List<ServiceReload> services = new ArrayList<>();
        try {
            fresh = parse(ServeArguments.effective(commandLine));
            prepared = fresh.prepare();
            String level = fresh.log.level.toLowerCase(Locale.ROOT);
            if (!LogSettings.LEVELS.contains(level)) {
                throw new Errors.UsageException("--log-level is one of " + String.join(", ", LogSettings.LEVELS)
                        + ", not " + fresh.log.level);
            }
            for (Reloadable service : reloadable) {
                services.add(service.reload(fresh.serviceOptions));
            }
        } catch (ConfigException e) {
            e.errors().forEach(Reload::notReloaded);
            return;
        } catch (ParameterException | Errors.UsageException | SettingException | AddressException e) {
            notReloaded(e.getMessage());
            return;
        }
        List<String> restart = changedOptions(current.spec, fresh.spec).stream()
                .filter(option -> !RELOADABLE.contains(option)).toList();
        if (!restart.isEmpty()) {
            needsRestart(restart);
            return;
        }
        Reconfigured result;
        try {
            // The services' settings go in with the server's, so that open connections take their new idle timeouts.
            result = server.reconfigure(prepared.builder(), () -> services.forEach(reload -> reload.apply().run()));
        } catch (SettingException | IllegalStateException e) {
            notReloaded(e.getMessage());
            return;
        }
        if (!result.applied()) {
            needsRestart(result.needsRestart());
            return;
        }
        List<String> changed = new ArrayList<>(result.changed());
        // arp and rarp share one table: its line comes from both, and is said once.
        Set<String> serviceLines = new LinkedHashSet<>();
        services.forEach(reload -> serviceLines.addAll(reload.changes()));
        changed.addAll(serviceLines);
        int was = LogSettings.LEVELS.indexOf(current.log.level.toLowerCase(Locale.ROOT));
        int is = LogSettings.LEVELS.indexOf(fresh.log.level.toLowerCase(Locale.ROOT));
        if (is != was) {
            changed.add("--log-level: " + current.log.level + " -> " + fresh.log.level);
        }
        // The lines of this reload are logged at the more verbose of the two levels, whichever it is.
        if (is < was) {
            LogSettings.level(fresh.log.level);
        }
        if (changed.isEmpty()) {
            LOG.info("reloaded: nothing changed");
        }
        changed.forEach(line -> LOG.info("reloaded: {}", Visible.of(line)));
        if (is > was) {
            LogSettings.level(fresh.log.level);
        }
        current = fresh;
    }

    /** A fresh serve command holding {@code arguments}, parsed as at start. */
    private static ServeCommand parse(List<String> arguments) {
        CommandLine parser = ServeArguments.parser();
        ServeArguments.parse(parser, arguments);
        return parser.getSubcommands().get("serve").getCommand();
    }

    /** The options, by their longest name, whose values differ between two parses of serve. */
    static List<String> changedOptions(CommandSpec before, CommandSpec after) {
        Map<String, Object> was = values(before);
        return values(after).entrySet().stream().filter(e -> !Objects.equals(was.get(e.getKey()), e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> values(CommandSpec spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            values.put(option.longestName(), option.getValue());
        }
        return values;
    }

    private static void needsRestart(List<String> what) {
        what.forEach(line -> LOG.warn("needs a restart: {}", Visible.of(line)));
        LOG.warn("not reloaded: what needs a restart came with the rest, and nothing was changed");
    }

    private static void notReloaded(String why) {
        LOG.warn("not reloaded: {}", Visible.of(why));
    }
}
