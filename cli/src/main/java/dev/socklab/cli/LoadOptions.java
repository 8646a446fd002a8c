package dev.socklab.cli;

import java.time.Duration;
import java.util.OptionalLong;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * The options {@code bench} and {@code bench soak} share: how long each exchange may take, how
 * long the load runs before it is measured, the server's process, and the address family to
 * reach the server over.
 */
final class LoadOptions {
    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a connect, and each echo, greeting or chat message, may take (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the load runs before anything is measured (default: 2s; bench idle has none).")
    Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process, which must hold the sockets loaded: bench idle reads its memory"
                    + " (VmRSS); soak checks that its descriptors, threads and VmRSS come back.")
    Long serverPid;

    @ArgGroup(exclusive = true)
    FamilyOptions family = new FamilyOptions();

    /** The server's process, if given. */
    OptionalLong serverPid() {
        return serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid);
    }
}
