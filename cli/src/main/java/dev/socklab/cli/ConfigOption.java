package dev.socklab.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code serve --config FILE}: the settings of a TOML file, which {@link ServeArguments} merges into the command line's. */
final class ConfigOption {
    static final String NAME = "--config";

    @Option(names = NAME, paramLabel = "FILE",
            description = "Settings from a TOML file, a key for each flag (socklab config example writes one);"
                    + " flags given here override the file's.")
    Path file;
}
