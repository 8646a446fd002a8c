package dev.socklab.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.socklab.cli.Main;
import picocli.AutoComplete;

/**
 * Writes socklab's bash completion script to the file given, by picocli's {@link AutoComplete} from
 * the command tree that {@code socklab} runs: commands, options and their enumerated values. The
 * package installs it as {@code /usr/share/bash-completion/completions/socklab}.
 */
public final class BashCompletion {
    private BashCompletion() {
    }

    /** Writes the script to {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path script = Path.of(args[0]);
        Files.createDirectories(script.toAbsolutePath().getParent());
        Files.writeString(script, AutoComplete.bash("socklab", Main.commandLine()));
    }
}
