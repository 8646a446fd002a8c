package dev.socklab.services.arp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file up to a size limit, so a huge or endless file (a device, a growing log
 * given by mistake) cannot exhaust memory. The size is not asked in advance: files under
 * {@code /proc} report a size of zero.
 */
final class CappedFile {

    private CappedFile() {
    }

    /**
     * What was read.
     *
     * @param text   the whole lines within the limit
     * @param capped whether the file went on past the limit
     */
    record Text(String text, boolean capped) {
    }

    /**
     * Reads at most {@code maxBytes} bytes as UTF-8. When the file is longer, the line the
     * limit cuts is dropped too: its first half could read as a different, valid entry
     * ({@code 10.0.0.1} out of {@code 10.0.0.123}).
     */
    static Text read(Path file, int maxBytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes);
            boolean capped = in.read() >= 0;
            int end = bytes.length;
            if (capped) {
                while (end > 0 && bytes[end - 1] != '\n') {
                    end--;
                }
            }
            return new Text(new String(bytes, 0, end, StandardCharsets.UTF_8), capped);
        }
    }
}
