package dev.socklab.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

import dev.socklab.services.ServiceCatalog;
import dev.socklab.text.Suggestion;

/**
 * serve's settings as a TOML file writes them, translated into serve's own arguments and checked
 * by serve's own parser. A top-level key {@code K} is the flag {@code --K}, its value as typed on
 * the command line ({@code idle-timeout = "60s"}), an array for a repeatable flag, {@code true} for
 * a flag without a value; {@code services} holds the services to serve. A table {@code [S]} holds
 * service S's settings: {@code K} there is S's own {@code --S-K}, else the server-wide {@code --K}
 * for S alone where that flag takes {@code SERVICE=}.
 *
 * @param name the file's name in error lines
 * @param settings each key's arguments, in the order of the file
 */
record ConfigFile(String name, List<Setting> settings) {
    /** The key holding serve's positional SERVICE arguments. */
    static final String SERVICES = "services";
    /** The label of a flag that takes {@code SERVICE=} in front of its value. */
    static final String SCOPED = "[SERVICE=]";

    private static final TomlMapper TOML = TomlMapper.builder().build();

    /**
     * One key of the file and what it says on serve's command line.
     *
     * @param option the flag, or empty for {@value #SERVICES}
     * @param key the key as an error names it: {@code idle-timeout}, or {@code [echo] idle-timeout}
     * @param line where the key is written
     * @param arguments serve's arguments for it: {@code --idle-timeout=echo=30s}; none for a flag set to false
     */
    record Setting(Optional<OptionSpec> option, String key, int line, List<String> arguments) {
    }

    /**
     * Reads and checks {@code file}.
     *
     * @param parser a parser of serve's arguments ({@link ServeArguments#parser()}), whose options the keys
     *     name and which checks their values
     * @throws ConfigException with every error found
     */
    static ConfigFile read(Path file, CommandLine parser) {
        return parse(file.toString(), text(file), parser);
    }

    /**
     * The text of {@code file}.
     *
     * @throws ConfigException saying why it cannot be read
     */
    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (AccessDeniedException e) {
            throw new ConfigException(List.of(file + ": permission denied"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(List.of(file + ": not UTF-8 text, as a TOML file must be"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read: " + e.getMessage()));
        }
    }

    /**
     * Checks {@code text}, a file's named {@code name}, as {@link #read} does.
     *
     * @throws ConfigException with every error found
     */
    static ConfigFile parse(String name, String text, CommandLine parser) {
        Reading reading = reading(name, text, parser);
        if (!reading.errors().isEmpty()) {
            throw new ConfigException(reading.errors());
        }
        return reading.file();
    }

    /**
     * What {@code config check} goes on with after the keys: those serve's parser takes, and an error for
     * each key it does not, in the file's order.
     */
    record Reading(ConfigFile file, List<Mistake> mistakes) {
        /** The error lines. */
        List<String> errors() {
            return mistakes.stream().map(Mistake::text).toList();
        }
    }

    /**
     * An error line, and the line of the file it is about, by which {@code config check} orders what it says.
     *
     * @param line the line of the key it is about, or 0 for one about the file as a whole
     */
    record Mistake(int line, String text) {
    }

    /**
     * Checks each key of {@code text}, a file's named {@code name}, keeping the keys that pass.
     *
     * @throws ConfigException if it is no TOML at all
     */
    static Reading reading(String name, String text, CommandLine parser) {
        KeyLines lines = KeyLines.of(text);
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JacksonException e) {
            // Jackson names no key it finds twice, and points past its value: the scan knows both lines.
            Optional<KeyLines.Duplicate> twice = lines.duplicate()
                    .filter(d -> e.getOriginalMessage().equals("Duplicate key"));
            throw new ConfigException(List.of(twice.map(d -> name + ":" + d.second() + ": " + d.key()
                    + ": set twice, first on line " + d.first()).orElse(name + ":" + e.getLocation().getLineNr()
                    + ": not valid TOML: " + e.getOriginalMessage() + " (column " + e.getLocation().getColumnNr() + ")")));
        }
        Translation translation = new Translation(name, lines, parser);
        root.properties().forEach(entry -> translation.top(entry.getKey(), entry.getValue()));
        return new Reading(new ConfigFile(name, List.copyOf(translation.settings)), List.copyOf(translation.mistakes));
    }

    /** This file without {@code setting}. */
    ConfigFile without(Setting setting) {
        return new ConfigFile(name, settings.stream().filter(s -> !s.equals(setting)).toList());
    }

    /** This file with {@code setting}'s arguments replaced by {@code arguments}. */
    ConfigFile with(Setting setting, List<String> arguments) {
        return new ConfigFile(name, settings.stream().map(s -> !s.equals(setting) ? s
                : new Setting(s.option(), s.key(), s.line(), List.copyOf(arguments))).toList());
    }

    /** Every argument of every setting, in the file's order. */
    List<String> arguments() {
        return settings.stream().flatMap(s -> s.arguments().stream()).toList();
    }

    /** An error line about {@code setting}. */
    String error(Setting setting, String message) {
        return mistake(setting, message).text();
    }

    /** An error about {@code setting}, at its line. */
    Mistake mistake(Setting setting, String message) {
        return new Mistake(setting.line(), name + ":" + setting.line() + ": " + setting.key() + ": " + message);
    }

    /** Whether {@code option} takes {@code SERVICE=} before its value, as its label says. */
    static boolean scoped(OptionSpec option) {
        return option.paramLabel().startsWith(SCOPED);
    }

    /**
     * The flags a file may set, by their long names: every serve option but help, version and
     * {@code --config} itself.
     */
    static Map<String, OptionSpec> flags(CommandSpec serve) {
        Map<String, OptionSpec> flags = new LinkedHashMap<>();
        for (OptionSpec option : serve.options()) {
            if (option.usageHelp() || option.versionHelp() || option.longestName().equals(ConfigOption.NAME)) {
                continue;
            }
            for (String name : option.names()) {
                if (name.startsWith("--")) {
                    flags.put(name, option);
                }
            }
        }
        return flags;
    }

    /** The keys' translation, collecting every error rather than stopping at the first. */
    private static final class Translation {
        private final String name;
        private final KeyLines lines;
        private final CommandLine parser;
        private final Map<String, OptionSpec> flags;
        private final List<Setting> settings = new ArrayList<>();
        private final List<Mistake> mistakes = new ArrayList<>();

        Translation(String name, KeyLines lines, CommandLine parser) {
            this.name = name;
            this.lines = lines;
            this.parser = parser;
            this.flags = flags(parser.getSubcommands().get("serve").getCommandSpec());
        }

        void top(String key, JsonNode value) {
            int line = lines.lineOf(List.of(key));
            if (value.isObject()) {
                table(key, line, value);
            } else if (key.equals(SERVICES)) {
                services(line, value);
            } else if (flags.containsKey("--" + key)) {
                add(flags.get("--" + key), key, line, value, Optional.empty());
            } else {
                error(key, line, unknownTopKey(key));
            }
        }

        private String unknownTopKey(String key) {
            Optional<String> owner = ServiceCatalog.all().stream().map(s -> s.name())
                    .filter(service -> flags.containsKey("--" + service + "-" + key)).findFirst();
            if (owner.isPresent()) {
                return "no such server-wide setting; " + owner.get() + "'s is " + key + " in its table, [" + owner.get()
                        + "]";
            }
            List<String> keys = new ArrayList<>(flags.keySet().stream().map(flag -> flag.substring(2)).toList());
            keys.add(SERVICES);
            return "no such setting" + Suggestion.closest(key, keys).map(k -> "; did you mean " + k + "?")
                    .orElse("; socklab config example lists them all");
        }

        private void table(String service, int line, JsonNode table) {
            if (ServiceCatalog.find(service).isEmpty()) {
                error("[" + service + "]", line, "no service is called " + service
                        + "; a table holds one service's settings (socklab services lists them)");
                return;
            }
            table.properties().forEach(entry -> {
                String key = entry.getKey();
                String shown = "[" + service + "] " + key;
                int at = lines.lineOf(List.of(service, key));
                OptionSpec own = flags.get("--" + service + "-" + key);
                OptionSpec shared = flags.get("--" + key);
                if (entry.getValue().isObject()) {
                    error(shown, at, "a table inside a service's table is no setting");
                } else if (own != null) {
                    add(own, shown, at, entry.getValue(), Optional.empty());
                } else if (shared != null && scoped(shared)) {
                    add(shared, shown, at, entry.getValue(), Optional.of(service));
                } else if (shared != null || key.equals(SERVICES)) {
                    error(shown, at, "a server-wide setting, not one service's: write it at the top, before any table");
                } else {
                    error(shown, at, "no such setting of " + service + " (neither --" + service + "-" + key + " nor a --"
                            + key + " that takes " + SCOPED + ")");
                }
            });
        }

        private void services(int line, JsonNode value) {
            List<String> names = new ArrayList<>();
            for (JsonNode element : value.isArray() ? value.values() : List.of(value)) {
                if (!element.isString()) {
                    error(SERVICES, line, "the services are strings, as on the command line: services = [\"hello:3000\","
                            + " \"echo\"]");
                    return;
                }
                names.add(element.stringValue());
            }
            check(new Setting(Optional.empty(), SERVICES, line, List.copyOf(names)));
        }

        /** The setting of {@code option} to {@code value}, for {@code service} alone if one is given. */
        private void add(OptionSpec option, String key, int line, JsonNode value, Optional<String> service) {
            String flag = option.longestName();
            if (option.arity().max() == 0) {
                if (!value.isBoolean()) {
                    error(key, line, "a flag without a value: true or false, not " + describe(value));
                } else {
                    check(new Setting(Optional.of(option), key, line, value.booleanValue() ? List.of(flag) : List.of()));
                }
                return;
            }
            if (value.isArray() && !option.isMultiValue()) {
                error(key, line, flag + " takes one value, not an array");
                return;
            }
            List<String> arguments = new ArrayList<>();
            for (JsonNode element : value.isArray() ? value.values() : List.of(value)) {
                if (!element.isString() && !element.isNumber()) {
                    error(key, line, "a value is written as on the command line, a string (\"60s\") or a number,"
                            + " not " + describe(element));
                    return;
                }
                String text = element.isString() ? element.stringValue() : element.toString();
                arguments.add(flag + "=" + service.map(s -> s + "=").orElse("") + text);
            }
            check(new Setting(Optional.of(option), key, line, List.copyOf(arguments)));
        }

        /** Keeps {@code setting} if serve's parser takes its arguments, its converters included. */
        private void check(Setting setting) {
            try {
                ServeArguments.parse(parser, setting.arguments());
                settings.add(setting);
            } catch (ParameterException e) {
                error(setting.key(), setting.line(), e.getMessage());
            }
        }

        private void error(String key, int line, String message) {
            mistakes.add(new Mistake(line, name + ":" + line + ": " + key + ": " + message));
        }

        private static String describe(JsonNode value) {
            return switch (value.getNodeType()) {
                case BOOLEAN -> value.booleanValue() ? "true" : "false";
                case ARRAY -> "an array";
                case OBJECT -> "a table";
                case STRING -> "the string \"" + value.stringValue() + "\"";
                default -> value.toString();
            };
        }
    }
}
