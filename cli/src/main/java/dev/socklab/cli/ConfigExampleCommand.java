package dev.socklab.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;
import tools.jackson.dataformat.toml.TomlMapper;

import dev.socklab.services.ServiceCatalog;
import dev.socklab.services.ServiceInfo;
import dev.socklab.text.Durations;

/**
 * {@code socklab config example}: a configuration file of serve's defaults, made from serve's own
 * options, so that it names every one: each with its description as a comment and its default
 * value, or commented out where it has none. A service's own flags ({@code --chat-max-members})
 * go in its table ({@code [chat] max-members}); the rest at the top.
 */
@Command(name = "example", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Prints a configuration file for serve --config: every setting at its default, each with"
                + " what it does; those without a default commented out."},
        footer = {"", "Example:", "  socklab config example > socklab.toml"})
final class ConfigExampleCommand implements Callable<Integer> {
    private static final int WIDTH = 100;
    private static final TomlMapper TOML = TomlMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(example(ServeArguments.parser().getSubcommands().get("serve").getCommandSpec()));
        out.flush();
        return ExitCode.OK.code;
    }

    /** The example file for {@code serve}'s options. */
    static String example(CommandSpec serve) {
        StringBuilder file = new StringBuilder();
        comment(file, "socklab serve --config FILE: the settings of socklab serve, one key for each flag of the same"
                + " name, its value written as on the command line (idle-timeout = \"60s\"; an array for a"
                + " repeatable flag; true or false for a flag without a value). Flags given on the command line"
                + " override the file's. A service's own settings are in its table: [chat] max-members is"
                + " --chat-max-members. Made by socklab config example: every setting at its default, those"
                + " without one commented out; socklab config check FILE checks a file. See docs/configuration.md.");
        PositionalParamSpec services = serve.positionalParameters().getFirst();
        file.append('\n');
        comment(file, String.join(" ", services.description()) + " " + String.join(" ", serve.usageMessage().footer())
                .replaceAll("(?s)\\s*Examples:.*", "").strip());
        file.append("# ").append(line(ConfigFile.SERVICES, List.of("hello:3000", "echo")));

        Map<String, List<OptionSpec>> tables = new LinkedHashMap<>();
        for (OptionSpec option : ConfigFile.flags(serve).values().stream().distinct().toList()) {
            if (option.hidden()) {
                continue;
            }
            Optional<String> service = serviceOf(option);
            if (service.isPresent()) {
                tables.computeIfAbsent(service.get(), s -> new ArrayList<>()).add(option);
            } else {
                setting(file, option.longestName().substring(2), option);
            }
        }
        tables.forEach((service, options) -> {
            file.append('\n').append('[').append(service).append("]\n");
            options.forEach(option -> setting(file, option.longestName().substring(service.length() + 3), option));
        });
        file.append('\n');
        comment(file, "A server-wide setting whose value takes SERVICE= may also be given for one service in its"
                + " table: there, idle-timeout = \"30s\" is --idle-timeout echo=30s, and the service's lists add to"
                + " the server's. For instance:");
        file.append("# [echo]\n# ").append(line("idle-timeout", "30s")).append("# ")
                .append(line("deny", List.of("10.1.0.0/16")));
        return file.toString();
    }

    /** The service whose own flag {@code option} is ({@code --chat-...}), if any. */
    private static Optional<String> serviceOf(OptionSpec option) {
        return ServiceCatalog.all().stream().map(ServiceInfo::name)
                .filter(name -> option.longestName().startsWith("--" + name + "-")).findFirst();
    }

    /** The option's description, then its key at its default, or commented out with its label. */
    private static void setting(StringBuilder file, String key, OptionSpec option) {
        file.append('\n');
        comment(file, String.join(" ", option.description()));
        Optional<Object> value = defaultOf(option);
        if (value.isPresent()) {
            file.append(line(key, value.get()));
        } else {
            String label = option.paramLabel();
            file.append("# ").append(line(key, option.isMultiValue() ? List.of(label) : label));
        }
    }

    /** The default as a TOML value: a number, a boolean, a duration or other text as typed, or a list. */
    private static Optional<Object> defaultOf(OptionSpec option) {
        if (option.defaultValue() != null) {
            return Optional.of(option.defaultValue());
        }
        Object initial = option.initialValue();
        if (initial == null || initial instanceof Collection<?> list && list.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (initial) {
            case Number number -> number;
            case Boolean flag -> flag;
            case Duration duration -> Durations.format(duration);
            case Collection<?> list -> list.stream().map(String::valueOf).toList();
            default -> String.valueOf(initial);
        });
    }

    /** {@code key = value}, written by Jackson's TOML writer, with its line end. */
    private static String line(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, value);
        return TOML.writeValueAsString(one);
    }

    /** {@code text} as comment lines of at most {@value #WIDTH} characters. */
    private static void comment(StringBuilder file, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.strip().split("\\s+")) {
            if (line.length() + 1 + word.length() > WIDTH && line.length() > 1) {
                file.append(line).append('\n');
                line.setLength(1);
            }
            line.append(' ').append(word);
        }
        file.append(line).append('\n');
    }
}
