package dev.socklab.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file socklab is given up to a size bound, so that a huge or endless file ({@code /dev/zero},
 * a named pipe that never ends, a growing log given by mistake) cannot exhaust memory or keep
 * start-up reading: at most one byte past the bound is ever read. The bound is on size, not time:
 * a named pipe with no writer, or one whose writer goes quiet, still blocks, as it would for {@code cat}. The size is not asked in advance: files
 * under {@code /proc} report a size of zero, and a device or a pipe has none.
 *
 * <p>Two ways to use the bound: {@link #read} keeps the whole lines within it (a table the system
 * writes, where some entries are better than none), {@link #readWhole} refuses a file past it (a
 * file a person wrote, where a cut one would be silently wrong), with {@link #tooLarge}'s sentence.
 */
public final class CappedFile {

    private CappedFile() {
    }

    /**
     * What was read.
     *
     * @param text   the whole lines within the limit
     * @param capped whether the file went on past the limit
     */
    public record Text(String text, boolean capped) {
    }

    /**
     * Reads at most {@code maxBytes} bytes as UTF-8. When the file is longer, the line the
     * limit cuts is dropped too: its first half could read as a different, valid entry
     * ({@code 10.0.0.1} out of {@code 10.0.0.123}).
     */
    public static Text read(Path file, int maxBytes) throws IOException {
        byte[] bytes = readAtMostOnePast(file, maxBytes);
        boolean capped = bytes.length > maxBytes;
        int end = Math.min(bytes.length, maxBytes);
        if (capped) {
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
        }
        return new Text(new String(bytes, 0, end, StandardCharsets.UTF_8), capped);
    }

    /**
     * The whole file, if it holds at most {@code maxBytes} bytes.
     *
     * @throws TooLargeException if it holds more; its message is {@link #tooLarge}'s
     * @throws IOException if it cannot be read
     */
    public static byte[] readWhole(Path file, int maxBytes) throws IOException {
        byte[] bytes = readAtMostOnePast(file, maxBytes);
        if (bytes.length > maxBytes) {
            throw new TooLargeException(file, maxBytes);
        }
        return bytes;
    }

    /** {@code /dev/zero is larger than 1 MiB}: the start of the sentence that refuses a file, for its reader to end with why. */
    public static String tooLarge(Path file, int maxBytes) {
        return file + " is larger than " + size(maxBytes);
    }

    /** A size as socklab writes a bound: {@code 1 MiB}, {@code 64 KiB}, {@code 100 bytes}. */
    public static String size(int bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    /** A file past its bound, refused by {@link #readWhole}. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException(Path file, int maxBytes) {
            super(tooLarge(file, maxBytes));
        }
    }

    // One byte past the bound tells a file at the bound from a larger one, without reading it all.
    private static byte[] readAtMostOnePast(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(Math.min(maxBytes, Integer.MAX_VALUE - 1) + 1);
        }
    }
}
