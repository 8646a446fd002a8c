package dev.socklab.benchmarks.compare;

/**
 * One measured transfer of a case's file: how many bytes arrived, in how long.
 *
 * @param bytes   the bytes received, all of the file
 * @param seconds the seconds the transfer took
 */
record Transfer(long bytes, double seconds) {
    /** MB (10^6 bytes) a second. */
    double megabytesPerSecond() {
        return bytes / seconds / 1e6;
    }
}
