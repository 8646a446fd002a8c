package dev.socklab.services.tls;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS clients people have at hand, each as a line-oriented terminal to a TLS port that trusts
 * the test's certificate alone: what is typed goes to the server, what comes back is printed.
 */
enum TlsTool {
    /** {@code openssl s_client -quiet}: prints nothing of its own and stays until the server closes. */
    OPENSSL("openssl") {
        @Override
        List<String> command(InetSocketAddress server, Path ca, boolean leavesAtEndOfInput) {
            List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", address(server),
                    "-CAfile", ca.toString(), "-verify_return_error", "-quiet"));
            if (leavesAtEndOfInput) {
                // -quiet implies -ign_eof, which would keep it connected after its input ends.
                command.add("-no_ign_eof");
            }
            return command;
        }
    },
    /**
     * Nmap's {@code ncat --ssl}, verifying the server against the file. It matches the name it
     * connects to against the certificate's DNS names only, so it connects to localhost over IPv4.
     */
    NCAT("ncat") {
        @Override
        List<String> command(InetSocketAddress server, Path ca, boolean leavesAtEndOfInput) {
            return List.of("ncat", "-4", "--ssl", "--ssl-trustfile", ca.toString(), "localhost",
                    String.valueOf(server.getPort()));
        }
    },
    /** {@code socat - OPENSSL:}, which verifies by default; -t: how long it waits for the server's end after its own. */
    SOCAT("socat") {
        @Override
        List<String> command(InetSocketAddress server, Path ca, boolean leavesAtEndOfInput) {
            return List.of("socat", "-t", "10", "-", "OPENSSL:" + address(server) + ",cafile=" + ca);
        }
    };

    private final String program;

    TlsTool(String program) {
        this.program = program;
    }

    /** The executable, for {@link dev.socklab.testing.Tools#require}. */
    String program() {
        return program;
    }

    /**
     * The command that connects to {@code server}, trusting {@code ca}.
     *
     * @param leavesAtEndOfInput whether it must close the connection once its input ends, rather
     *     than wait for the server to (ncat and socat always end their side then)
     */
    abstract List<String> command(InetSocketAddress server, Path ca, boolean leavesAtEndOfInput);

    private static String address(InetSocketAddress server) {
        return server.getHostString() + ":" + server.getPort();
    }
}
