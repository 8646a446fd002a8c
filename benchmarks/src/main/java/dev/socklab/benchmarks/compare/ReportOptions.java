package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import picocli.CommandLine.Option;

/**
 * The options every comparison shares, word for word: the socklab checkout it runs and where it
 * writes its report. Each comparison's options mix them in where their help lists them.
 */
public final class ReportOptions {
    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as Markdown to FILE.")
    private Path out;

    @Option(names = "--root", paramLabel = "DIR", description = "The socklab checkout (default: the current directory).")
    private Path root = Path.of("");

    /** Where to write the results as Markdown, if anywhere. */
    public Optional<Path> out() {
        return Optional.ofNullable(out);
    }

    /** The socklab checkout, with socklab built in it. */
    public Path root() {
        return root.toAbsolutePath().normalize();
    }

    /** Writes the report to {@code --out}, its directory made if need be, and says so; nothing without {@code --out}. */
    void write(String report, PrintStream said) throws IOException {
        if (out == null) {
            return;
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, report);
        said.println("Written to " + out);
    }
}
