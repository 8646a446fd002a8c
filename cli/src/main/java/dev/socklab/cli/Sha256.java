package dev.socklab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code --sha256}: the SHA-256 of what a transfer sent or received, printed as {@code sha256sum}
 * prints it ({@code HEX  NAME}), so that a person compares the two ends by eye or with
 * {@code sha256sum -c}.
 */
final class Sha256 {
    private Sha256() {
    }

    /** A new SHA-256 digest; every JDK has one. */
    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Feeds the first {@code length} bytes of {@code file} to {@code digest}: a resumed file's part already there. */
    static void update(MessageDigest digest, Path file, long length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            long left = length;
            int n;
            while (left > 0 && (n = in.read(chunk, 0, (int) Math.min(chunk.length, left))) > 0) {
                digest.update(chunk, 0, n);
                left -= n;
            }
        }
    }

    /** The line to print: {@code 9f86d0...  name}. */
    static String line(MessageDigest digest, String name) {
        return HexFormat.of().formatHex(digest.digest()) + "  " + name;
    }
}
