package dev.socklab.benchmarks.compare;

import java.util.List;

/**
 * One row group of the HTTP comparison: keep-alive GETs of one file over some connections at once.
 *
 * @param connections connections at once, each with one request in flight
 * @param file        the file's name in the served directory
 * @param bytes       its size
 * @param label       the size as the table shows it: {@code 64 B}, {@code 1 MiB}
 */
record HttpCase(int connections, String file, int bytes, String label) {
    /** The small file: a response that is nearly all head, so the server's per-request work shows. */
    static final String SMALL = "64.bin";
    /** The large file: a response that is nearly all body, so how the server moves bytes shows. */
    static final String LARGE = "1m.bin";

    /** The four cases of the issue, in the order run: 1 and 100 connections on the 64-byte file, then on the 1 MiB one. */
    static List<HttpCase> all() {
        return List.of(new HttpCase(1, SMALL, 64, "64 B"), new HttpCase(100, SMALL, 64, "64 B"),
                new HttpCase(1, LARGE, 1 << 20, "1 MiB"), new HttpCase(100, LARGE, 1 << 20, "1 MiB"));
    }

    /** The path every request asks for. */
    String path() {
        return "/" + file;
    }

    /** {@code 100 connections, 64 B}. */
    String describe() {
        return connections + (connections == 1 ? " connection, " : " connections, ") + label;
    }
}
