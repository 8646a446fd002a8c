package dev.socklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import dev.socklab.bench.BenchPlanException;
import dev.socklab.client.ServerRefusedException;
import dev.socklab.net.AddressException;
import dev.socklab.runtime.CannotBindException;
import dev.socklab.runtime.SettingException;
import dev.socklab.text.Visible;

/**
 * Turns every failure into one sentence on standard error and an {@link ExitCode}: a user sees
 * what went wrong and what to do, never a stack trace (except for a bug, which says so). A sentence
 * may quote a file's line or a value from the command line, so it is printed through
 * {@link Visible#of}: an escape sequence in a deny file does not reach the terminal.
 */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        ExitCode code = codeFor(e);
        if (code == ExitCode.BUG) {
            err.println("socklab: unexpected failure, a bug in socklab; please report it with this trace:");
            e.printStackTrace(err);
        } else {
            err.println("socklab: " + Visible.of(sentence(e)));
        }
        err.flush();
        return code.code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("socklab: " + Visible.of(e.getMessage()));
        err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for the options and examples.");
        err.flush();
        return ExitCode.USAGE.code;
    }

    static ExitCode codeFor(Exception e) {
        if (e instanceof UncheckedIOException unchecked) {
            // Streams of lines (standard input) wrap their I/O failures; the cause says what happened.
            return codeFor(unchecked.getCause());
        }
        // Each carries one sentence for the user: an address, a setting, a bench's plan, or the command line itself.
        if (e instanceof AddressException || e instanceof SettingException || e instanceof BenchPlanException
                || e instanceof UsageException) {
            return ExitCode.USAGE;
        }
        if (e instanceof CannotBindException) {
            return ExitCode.CANNOT_BIND;
        }
        if (e instanceof ServerRefusedException) {
            return ExitCode.SERVER_REFUSED;
        }
        if (e instanceof SocketTimeoutException) {
            return ExitCode.NO_ANSWER;
        }
        if (e instanceof IOException) {
            return ExitCode.NETWORK;
        }
        return ExitCode.BUG;
    }

    private static String sentence(Exception e) {
        if (e instanceof UncheckedIOException unchecked) {
            return sentence(unchecked.getCause());
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** A command line that parses but asks for something that cannot be: the message says what and how to fix it. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
