package dev.socklab.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's cap on a listening socket's backlog, on Linux; a common default elsewhere. */
final class Somaxconn {
    private static final Path LINUX = Path.of("/proc/sys/net/core/somaxconn");
    /** Linux's default since 5.4, and a fair guess where the kernel does not say. */
    private static final int FALLBACK = 4096;

    private Somaxconn() {
    }

    static int value() {
        // One buffered read: a /proc/sys file read a byte at a time, as Files.readString does when the
        // file reports size 0, gives "4" for 4096.
        try (BufferedReader in = Files.newBufferedReader(LINUX)) {
            String line = in.readLine();
            return line == null ? FALLBACK : Integer.parseInt(line.strip());
        } catch (IOException | NumberFormatException | SecurityException e) {
            return FALLBACK;
        }
    }
}
