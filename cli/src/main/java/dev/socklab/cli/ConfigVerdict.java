package dev.socklab.cli;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Whether {@code message} quotes one of the setting's values, or names the service whose table it is in. */
    private static boolean named(ConfigFile.Setting setting, String message) {
        boolean quoted = setting.arguments().stream().map(a -> a.substring(a.indexOf('=') + 1))
                .anyMatch(message::contains);
        return quoted || setting.key().startsWith("[") && Pattern.compile("\\b"
                + Pattern.quote(setting.key().substring(1, setting.key().indexOf(']'))) + "\\b").matcher(message).find();
    }
}
