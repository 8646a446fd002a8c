package dev.socklab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.socklab.services.ServiceCatalog;

/**
 * serve's verdict on a configuration file's settings taken together (a check it makes on starting,
 * or its parser's on two keys at odds), as an error line at the key it is about. serve words its
 * sentences for the command line: they name flags, and quote services as written.
 */
final class ConfigVerdict {
    /** A flag a message of serve's names. */
    private static final Pattern FLAG = Pattern.compile("--[a-z0-9][a-z0-9-]*");
    /** What a message of serve's quotes: a service as it was written, or a value. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private ConfigVerdict() {
    }

    /** {@code FILE:LINE: key: message} for the key {@code message} is about, else {@code FILE: message}. */
    static String line(ConfigFile config, String message) {
        return about(config, message).map(s -> config.error(s, message)).orElse(config.name() + ": " + message);
    }

    /**
     * The setting a message of serve's is about: the first flag it names that the file sets (of
     * several keys for that flag, the one whose value or table the message names), else the
     * services' key if it quotes one of them, else the first key of a service's table it names.
     */
    static Optional<ConfigFile.Setting> about(ConfigFile config, String message) {
        Matcher flags = FLAG.matcher(message);
        while (flags.find()) {
            String flag = flags.group();
            List<ConfigFile.Setting> settings = config.settings().stream()
                    .filter(s -> s.option().filter(o -> List.of(o.names()).contains(flag)).isPresent()).toList();
            if (!settings.isEmpty()) {
                return Optional.of(settings.stream().filter(s -> named(s, message)).findFirst()
                        .orElse(settings.getFirst()));
            }
        }
        Matcher quoted = QUOTED.matcher(message);
        while (quoted.find()) {
            String text = quoted.group(1);
            Optional<ConfigFile.Setting> services = config.settings().stream().filter(s -> s.option().isEmpty()
                    && s.arguments().stream().anyMatch(a -> a.contains(text) || text.contains(a))).findFirst();
            if (services.isPresent()) {
                return services;
            }
        }
        return config.settings().stream().filter(s -> s.key().startsWith("[") && named(s, message)).findFirst();
    }

    /**
     * The services of {@code services} (the {@value ConfigFile#SERVICES} key) but the one {@code message} quotes, that
     * one kept by its name alone where that is a service named nowhere else in the key: {@code chat:99999} becomes
     * {@code chat}, {@code nosuch:3000} goes. Empty if the message quotes none of them.
     */
    static Optional<List<String>> withoutQuoted(ConfigFile.Setting services, String message) {
        Matcher quoted = QUOTED.matcher(message);
        while (quoted.find()) {
            String text = quoted.group(1);
            Optional<String> faulty = services.arguments().stream().filter(a -> a.contains(text) || text.contains(a))
                    .findFirst();
            if (faulty.isPresent()) {
                String name = faulty.get().split("[:/]", 2)[0];
                boolean keep = !name.equals(faulty.get()) && ServiceCatalog.find(name).isPresent()
                        && services.arguments().stream().noneMatch(a -> a.split("[:/]", 2)[0].equals(name) && !a.equals(faulty.get()));
                List<String> rest = new ArrayList<>();
                services.arguments().forEach(a -> {
                    if (!a.equals(faulty.get())) {
                        rest.add(a);
                    } else if (keep) {
                        rest.add(name);
                    }
                });
                return Optional.of(rest);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code message} quotes one of the setting's values, or names the service whose table it is in. */
    private static boolean named(ConfigFile.Setting setting, String message) {
        boolean quoted = setting.arguments().stream().map(a -> a.substring(a.indexOf('=') + 1))
                .anyMatch(message::contains);
        return quoted || setting.key().startsWith("[") && Pattern.compile("\\b"
                + Pattern.quote(setting.key().substring(1, setting.key().indexOf(']'))) + "\\b").matcher(message).find();
    }
}
