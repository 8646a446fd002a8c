package dev.socklab.dist;

import java.io.IOException;
import java.nio.file.Path;

import dev.socklab.cli.Main;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes socklab's manual pages as AsciiDoc into the directory given: {@code socklab.adoc} and a
 * {@code socklab-COMMAND.adoc} for each command, by picocli's own generator from the command tree
 * that {@code socklab} runs, so a page never tells of an option the command does not have. The
 * build turns them into troff with Asciidoctor's manpage backend.
 */
public final class ManualPages {
    private ManualPages() {
    }

    /** Writes the pages into {@code args[0]}, and exits non-zero when picocli could not. */
    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        int code = ManPageGenerator.generateManPage(directory.toFile(), null, new boolean[0], true,
                Main.commandLine().getCommandSpec());
        if (code != 0) {
            System.err.println("picocli's ManPageGenerator failed (exit code " + code + ") writing into " + directory + ".");
            System.exit(code);
        }
    }
}
