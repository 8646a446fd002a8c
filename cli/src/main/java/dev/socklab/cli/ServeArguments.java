package dev.socklab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The arguments {@code serve} runs with: its command line's, with the settings of its
 * {@code --config} file merged in. A flag on the command line overrides the file per option: it
 * replaces every value the file gives that flag, lists included (and the file's flags of the same
 * exclusive group, as {@code -6} for {@code ipv4-only = true}); services named on the command line
 * replace the file's {@code services}.
 */
final class ServeArguments {
    private ServeArguments() {
    }

    /**
     * The argument list serve is to run with: {@code commandLine} itself when it has no
     * {@code --config} (or does not parse: serve's parser then says why), else the file's arguments
     * that the command line does not override, then the command line's.
     *
     * @param commandLine serve's arguments, without {@code serve}
     * @throws ConfigException when the file cannot be read or fails its check, with every error; or
     *     when two of its keys cannot go together (ipv4-only and ipv6-only), with serve's words at the key
     */
    static List<String> effective(List<String> commandLine) {
        // Most runs name no file: they are spared a parse of their own (picocli's reflection over serve, again).
        if (commandLine.stream().noneMatch(a -> a.equals(ConfigOption.NAME) || a.startsWith(ConfigOption.NAME + "="))) {
            return commandLine;
        }
        ParseResult given;
        try {
            given = parse(parser(), commandLine);
        } catch (ParameterException e) {
            return commandLine;
        }
        if (!given.hasMatchedOption(ConfigOption.NAME)) {
            return commandLine;
        }
        ConfigFile file = ConfigFile.read(given.matchedOptionValue(ConfigOption.NAME, null), parser());
        List<String> effective = new ArrayList<>();
        for (ConfigFile.Setting setting : file.settings()) {
            if (!overridden(setting.option(), given)) {
                effective.addAll(setting.arguments());
            }
        }
        effective.addAll(commandLine);
        try {
            parse(parser(), effective);
        } catch (ParameterException e) {
            // The command line parses alone, and each key alone: two of the file's keys are at odds.
            throw new ConfigException(List.of(ConfigVerdict.line(file, e.getMessage())));
        }
        return List.copyOf(effective);
    }

    /** A fresh {@code socklab} command tree for serve, set up as {@link Main} runs it, to parse serve's arguments with. */
    static CommandLine parser() {
        return Main.commandLine("serve");
    }

    /**
     * Serve's part of the parse of {@code socklab serve ARGUMENTS} by {@code parser}, one of
     * {@link #parser()}'s; the command's fields hold the values.
     *
     * @throws ParameterException if serve's parser refuses them
     */
    static ParseResult parse(CommandLine parser, List<String> arguments) {
        List<String> all = new ArrayList<>();
        all.add("serve");
        all.addAll(arguments);
        return parser.parseArgs(all.toArray(String[]::new)).subcommand();
    }

    /**
     * Whether the command line gives {@code option} (or, for the services, names any), or another of
     * its exclusive group. By name: the file was checked by a parser of its own.
     */
    private static boolean overridden(Optional<OptionSpec> option, ParseResult given) {
        if (option.isEmpty()) {
            return !given.matchedPositionals().isEmpty();
        }
        ArgGroupSpec group = option.get().group();
        if (group != null && group.exclusive()) {
            return group.options().stream().anyMatch(member -> given.hasMatchedOption(member.longestName()));
        }
        return given.hasMatchedOption(option.get().longestName());
    }
}
