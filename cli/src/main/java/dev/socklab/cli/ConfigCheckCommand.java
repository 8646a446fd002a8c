package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.text.Visible;

/**
 * {@code socklab config check FILE}: every error of a configuration file, each with its line and
 * key, or {@code FILE: OK}. The keys are checked one by one, so that every mistake in them is
 * said; then serve's own checks run on the whole file, as when it starts (the first they find).
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Checks a configuration file as serve --config would, without serving: every error, each as"
                + " FILE:LINE: key: what is wrong.",
                "Prints FILE: OK and exits 0 when serve would take it."},
        footer = {"", "Examples:",
                "  socklab config check socklab.toml",
                "  socklab config example | socklab config check -"})
final class ConfigCheckCommand implements Callable<Integer> {
    /** A flag a message of serve's names. */
    private static final Pattern FLAG = Pattern.compile("--[a-z0-9][a-z0-9-]*");
    /** What a message of serve's quotes: a service as it was written, or a value. */
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to check; - for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigFile config;
        try {
            config = file.equals("-")
                    ? ConfigFile.parse("-", new String(System.in.readAllBytes(), StandardCharsets.UTF_8),
                            ServeArguments.parser())
                    : ConfigFile.read(Path.of(file), ServeArguments.parser());
            check(config);
        } catch (ConfigException e) {
            e.errors().forEach(line -> err.println(Visible.of(line)));
            err.flush();
            return ExitCode.USAGE.code;
        }
        out.println(Visible.of(file) + ": OK");
        out.flush();
        return ExitCode.OK.code;
    }

    /**
     * Runs serve's own checks on the file's settings, as serve does before it binds.
     *
     * @throws ConfigException with serve's verdict, at the key it is about
     */
    private static void check(ConfigFile config) {
        CommandLine parser = ServeArguments.parser();
        try {
            ServeArguments.parse(parser, config.arguments());
            ((ServeCommand) parser.getSubcommands().get("serve").getCommand()).prepare();
        } catch (RuntimeException e) {
            if (Errors.codeFor(e) == ExitCode.BUG) {
                throw e;
            }
            String message = e.getMessage();
            throw new ConfigException(List.of(about(config, message).map(s -> config.error(s, message))
                    .orElse(config.name() + ": " + message)));
        }
    }

    /**
     * The setting a message of serve's is about: the first flag it names that the file sets (of
     * several keys for that flag, the one whose value or table the message names), else the
     * services' key if it quotes one of them, else the first key of a service's table it names.
     */
    private static Optional<ConfigFile.Setting> about(ConfigFile config, String message) {
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
