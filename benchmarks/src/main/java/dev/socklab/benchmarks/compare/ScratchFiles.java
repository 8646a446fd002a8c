package dev.socklab.benchmarks.compare;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The comparison's temporary directory: {@code served/}, the one directory every server serves,
 * with a file of random bytes per case and a small probe file; {@code received/}, where TFTP
 * downloads land to be checked; and a directory per server for its configuration. Random bytes,
 * so that nothing on the way can gain by compressing or skipping zeros. Deleted, all of it, on close.
 *
 * @param dir the temporary directory
 */
record ScratchFiles(Path dir) implements AutoCloseable {
    /** The probe file's name: a few blocks, for the options a server acknowledges and a check of its bytes. */
    static final String PROBE = "probe.bin";
    private static final int PROBE_BYTES = 3000;
    private static final int CHUNK = 1024 * 1024;

    /** A new, empty temporary directory. */
    static ScratchFiles create() throws IOException {
        return new ScratchFiles(Files.createTempDirectory("socklab-compare-files-"));
    }

    /** Writes {@code cases}' files and the probe into {@code served/}, and makes {@code received/}. */
    void write(List<FileCase> cases) throws IOException {
        Files.createDirectories(received());
        write(served().resolve(PROBE), PROBE_BYTES, 0);
        for (FileCase c : cases) {
            write(served().resolve(c.file()), c.bytes(), c.bytes());
        }
    }

    Path served() {
        return dir.resolve("served");
    }

    Path received() {
        return dir.resolve("received");
    }

    /** The directory of {@code server}'s configuration and logs. */
    Path work(FileServer server) {
        return dir.resolve("work-" + server.label());
    }

    private static void write(Path file, long bytes, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, left));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
    }

    /** Deletes the directory and everything in it. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
