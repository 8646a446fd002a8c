package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.text.Visible;

/**
 * {@code socklab config check FILE}: every error of a configuration file, each with its line and
 * key, in the file's order, or {@code FILE: OK}. The keys are checked one by one, so that every
 * mistake in them is said; then serve's own checks run on the keys that passed, as when it starts.
 * Those stop at the first mistake, so they run again without the key it was about, until they pass.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Checks a configuration file as serve --config would, without serving: every error, each as"
                + " FILE:LINE: key: what is wrong.",
                "Prints FILE: OK and exits 0 when serve would take it."},
        footer = {"", "Examples:",
                "  socklab config check socklab.toml",
                "  socklab config example | socklab config check -"})
final class ConfigCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The file to check; - for standard input.")
    String file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> errors;
        try {
            String text = file.equals("-") ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : ConfigFile.text(Path.of(file));
            ConfigFile.Reading reading = ConfigFile.reading(file, text, ServeArguments.parser());
            List<ConfigFile.Mistake> mistakes = new ArrayList<>(reading.mistakes());
            mistakes.addAll(verdicts(reading.file()));
            // In the file's order, whichever check found them; one about no key comes after those about keys.
            errors = mistakes.stream().sorted(Comparator.comparingInt(m -> m.line() == 0 ? Integer.MAX_VALUE : m.line()))
                    .map(ConfigFile.Mistake::text).toList();
        } catch (ConfigException e) {
            errors = e.errors();
        }
        if (!errors.isEmpty()) {
            errors.forEach(line -> err.println(Visible.of(line)));
            err.flush();
            return ExitCode.USAGE.code;
        }
        out.println(Visible.of(file) + ": OK");
        out.flush();
        return ExitCode.OK.code;
    }

    /**
     * serve's verdicts on the file's settings, each at the key it is about: its checks run as before it
     * binds, and again without each key they found fault with, until they pass. A verdict on one of the
     * services goes on without that service (or with its name alone, on its own port, so that its table's
     * settings are still checked); the checks stop at a verdict that names no key, or once no service is left,
     * as none would mean every one.
     */
    private static List<ConfigFile.Mistake> verdicts(ConfigFile config) {
        List<ConfigFile.Mistake> verdicts = new ArrayList<>();
        ConfigFile rest = config;
        // Each round takes one key, or one service, away: as many rounds as those, and one more to pass.
        for (int round = 0; round <= config.settings().size() + config.arguments().size(); round++) {
            Optional<String> verdict = verdict(rest);
            if (verdict.isEmpty()) {
                break;
            }
            Optional<ConfigFile.Setting> about = ConfigVerdict.about(rest, verdict.get());
            if (about.isEmpty()) {
                verdicts.add(new ConfigFile.Mistake(0, config.name() + ": " + verdict.get()));
                break;
            }
            verdicts.add(config.mistake(about.get(), verdict.get()));
            if (!about.get().key().equals(ConfigFile.SERVICES)) {
                rest = rest.without(about.get());
                continue;
            }
            Optional<List<String>> others = ConfigVerdict.withoutQuoted(about.get(), verdict.get());
            if (others.isEmpty() || others.get().isEmpty()) {
                break;
            }
            rest = rest.with(about.get(), others.get());
        }
        return verdicts;
    }

    /** What serve says of {@code config}'s settings on starting, before it binds, if it finds fault. */
    private static Optional<String> verdict(ConfigFile config) {
        CommandLine parser = ServeArguments.parser();
        try {
            ServeArguments.parse(parser, config.arguments());
            ((ServeCommand) parser.getSubcommands().get("serve").getCommand()).prepare();
            return Optional.empty();
        } catch (RuntimeException e) {
            // A parse error here is between keys, each fine alone: ipv4-only and ipv6-only both true.
            if (!(e instanceof ParameterException) && Errors.codeFor(e) == ExitCode.BUG) {
                throw e;
            }
            return Optional.of(e.getMessage());
        }
    }
}
