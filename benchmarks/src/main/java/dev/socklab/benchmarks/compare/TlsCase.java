package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One row group of the TLS comparison: full TLS 1.3 handshakes, or echo round trips of 64 KiB over
 * some connections at once.
 *
 * @param connections connections at once; 0 for the handshakes, which s_time makes one at a time
 * @param label       the row's name in the table
 * @param unit        what its figure counts
 */
record TlsCase(int connections, String label, String unit) {
    /** Bytes each echo round trip writes and reads back. */
    static final int CHUNK = 64 * 1024;

    /** The handshakes, then the echo at 1 and at 10 connections. */
    static List<TlsCase> all() {
        return List.of(new TlsCase(0, "TLS 1.3 full handshakes, openssl s_time -new", "handshakes/s"),
                new TlsCase(1, "echo 64 KiB, 1 connection", "MB/s each way"),
                new TlsCase(10, "echo 64 KiB, 10 connections", "MB/s each way"));
    }

    boolean handshakes() {
        return connections == 0;
    }
}
