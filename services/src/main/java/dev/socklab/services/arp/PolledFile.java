package dev.socklab.services.arp;

import static dev.socklab.services.arp.ArpTable.LOG;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import dev.socklab.text.CappedFile;
import dev.socklab.text.IoFailure;

/**
 * A table file that is read again when it may have changed, checked on a lookup at most once
 * per interval: no background thread, and an idle table costs nothing.
 *
 * <p>One lookup at a time does the check and any reload; lookups that arrive meanwhile use
 * the entries already loaded rather than wait, since a reload can mean DNS lookups. A file
 * that cannot be read keeps its last good entries, with one warning until it is readable again.
 *
 * <p>Hazard: a file rewritten in place can be read half-written. The next check sees the
 * size or time change and reads it again, but for one interval the table may miss entries;
 * writers that rename a finished file into place never show that.
 */
final class PolledFile implements ArpSource {

    /** How a change to the file is noticed. */
    enum Detect {
        /** By last-modified time, size or file identity; the file is read only when one changes. */
        STAT,
        /**
         * By reading the whole file each time and comparing the text, for {@code /proc} files,
         * whose size is zero and whose time says nothing about the contents.
         */
        CONTENT
    }

    private final Path file;
    private final TableFormat format;
    private final Detect detect;
    private final long intervalNanos;
    private final int maxBytes;
    private final LongSupplier ticker;
    private final ReentrantLock checking = new ReentrantLock();

    private volatile Entries current;
    private volatile long nextCheck;

    // Guarded by checking.
    private Stamp loadedStamp;
    private String loadedText;
    private boolean failing;

    private PolledFile(Path file, TableFormat format, Detect detect, long intervalNanos, int maxBytes,
                       LongSupplier ticker) {
        this.file = file;
        this.format = format;
        this.detect = detect;
        this.intervalNanos = intervalNanos;
        this.maxBytes = maxBytes;
        this.ticker = ticker;
    }

    /**
     * Loads the file for the first time, failing when it cannot be read: at startup there are
     * no good contents to keep, and an empty table would hide a mistyped path.
     *
     * @throws IOException if the file cannot be read
     */
    static PolledFile load(Path file, TableFormat format, Detect detect, long intervalNanos, int maxBytes,
                           LongSupplier ticker) throws IOException {
        PolledFile polled = new PolledFile(file, format, detect, intervalNanos, maxBytes, ticker);
        polled.checking.lock();
        try {
            polled.reload();
        } finally {
            polled.checking.unlock();
        }
        polled.nextCheck = ticker.getAsLong() + intervalNanos;
        return polled;
    }

    @Override
    public Entries current() {
        // Subtraction, not comparison, so that System.nanoTime wrapping around does no harm.
        if (ticker.getAsLong() - nextCheck >= 0 && checking.tryLock()) {
            try {
                if (ticker.getAsLong() - nextCheck >= 0) {
                    check();
                    nextCheck = ticker.getAsLong() + intervalNanos;
                }
            } finally {
                checking.unlock();
            }
        }
        return current;
    }

    private void check() {
        try {
            reload();
            if (failing) {
                failing = false;
                LOG.info("{} can be read again and is loaded, with {}", file, entries(current.size()));
            }
        } catch (IOException e) {
            // Forget the stamp, so that the file is read again whatever stamp it comes back with.
            loadedStamp = null;
            if (!failing) {
                failing = true;
                LOG.warn("{} cannot be read ({}), so the ARP table keeps the {} it last read from it"
                        + " until it can", file, IoFailure.reason(e), entries(current.size()));
            }
        }
    }

    /** Reads and parses the file if it changed; the stamp is taken first, so a write during the read shows as a change next time. */
    private void reload() throws IOException {
        Stamp stamp = null;
        if (detect == Detect.STAT) {
            stamp = Stamp.of(file);
            if (stamp.equals(loadedStamp)) {
                return;
            }
        }
        CappedFile.Text read = CappedFile.read(file, maxBytes);
        if (detect == Detect.CONTENT && read.text().equals(loadedText)) {
            return;
        }
        if (read.capped()) {
            LOG.warn("{} is larger than {} bytes, so only the lines within its first {} bytes are read",
                    file, maxBytes, maxBytes);
        }
        current = format.parse(read.text(), file);
        loadedStamp = stamp;
        loadedText = detect == Detect.CONTENT ? read.text() : null;
    }

    private static String entries(int n) {
        return n == 1 ? "1 entry" : n + " entries";
    }

    /** What identifies one version of a file without reading it. */
    private record Stamp(FileTime modified, long size, Object fileKey) {
        static Stamp of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        }
    }
}
