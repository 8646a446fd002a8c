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
            description = "How long a connect, and each echo, greeting or chat message, may take; bench chat's members"
                    + " get this or --duration, whichever is longer, to join the room (default: 5s).")
    Duration timeout = Duration.ofSeconds(5);

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "bench: how long each run goes before counting, at most 1m (idle has none); bench soak, with"
                    + " --server-pid: how long the load runs before the first reading (default: 2s).")
    Duration warmup = Duration.ofSeconds(2);

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process, which must hold the sockets loaded: bench idle reads its memory"
                    + " (VmRSS); soak checks that its descriptors, threads and VmRSS come back; bench arena reads its"
                    + " CPU time.")
    Long serverPid;

    @ArgGroup(exclusive = true)
    FamilyOptions family = new FamilyOptions();

    /** The server's process, if given. */
    OptionalLong serverPid() {
        return serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid);
    }
}
