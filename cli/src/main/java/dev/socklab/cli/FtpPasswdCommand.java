package dev.socklab.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.socklab.services.ftpusers.FtpUsers;
import dev.socklab.text.IoFailure;

/**
 * {@code socklab ftp-passwd FILE USER}: adds an account to the FTP service's users file, or changes
 * its password, as {@code htpasswd -B} does. The password comes from standard input: on a terminal
 * it is asked for twice without echo, and the two must match; from a pipe it is the first line.
 */
@Command(name = "ftp-passwd", mixinStandardHelpOptions = true, versionProvider = SocklabCommand.Version.class,
        description = {"Adds an account to the FTP service's users file, or changes its password.",
                "The password is read from standard input: asked for twice on a terminal, one line from a pipe.",
                "A new file is readable by its owner alone; other lines and comments are kept."},
        footer = {"", "Examples:",
                "  socklab ftp-passwd ftp-users alice               asks for the password twice",
                "  socklab ftp-passwd ftp-users guest --read-only   an account that only reads",
                "  echo \"$PW\" | socklab ftp-passwd ftp-users bob    one line from a pipe"})
final class FtpPasswdCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The users file (made if missing).")
    Path file;

    @Parameters(index = "1", paramLabel = "USER", description = "The account's name.")
    String user;

    @Option(names = "--read-only", description = "The account may list and download, never change a file.")
    boolean readOnly;

    @Override
    public Integer call() throws IOException {
        char[] password = password();
        try {
            FtpUsers.Change change = FtpUsers.set(file, user, password, readOnly);
            spec.commandLine().getOut().println((change == FtpUsers.Change.ADDED ? "added " : "changed ") + user);
            spec.commandLine().getOut().flush();
            return ExitCode.OK.code;
        } catch (IOException e) {
            throw new Errors.UsageException("cannot write " + file + " (" + IoFailure.reason(e)
                    + "): name a file in a directory you may write");
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Twice without echo on a terminal, as {@code htpasswd} asks; else the first line of standard input. */
    private char[] password() throws IOException {
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] first = console.readPassword("New password for %s: ", user);
            char[] again = first == null ? null : console.readPassword("Re-type the password: ");
            if (first == null || again == null) {
                throw new Errors.UsageException("no password was typed: run again and type one");
            }
            boolean same = Arrays.equals(first, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                throw new Errors.UsageException("the two passwords differ: run again and type the same one twice");
            }
            return first;
        }
        // Not closed: it is the process's standard input.
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new Errors.UsageException("standard input held no password: pipe one line into socklab ftp-passwd");
        }
        return line.toCharArray();
    }
}
