package dev.socklab.cli;

import java.time.Duration;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import dev.socklab.trace.Tracer;

/**
 * What the file transfer clients, tftp and ftp, share with the others: the IP version, the timeout
 * and tracing. Not {@link ClientOptions}: neither runs over a Unix socket, and TFTP has no TLS.
 */
final class TransferOptions {
    @ArgGroup(exclusive = true)
    FamilyOptions family = new FamilyOptions();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait to connect and for each answer (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--trace", description = "Print every socket call the client makes, on standard error.")
    boolean trace;

    /** The timeout, once known to be positive. */
    Duration timeout() {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new Errors.UsageException("--timeout must be positive: give a duration such as 500ms or 5s");
        }
        return timeout;
    }

    Tracer tracer() {
        return trace ? Tracer.printingTo(System.err) : Tracer.off();
    }
}
