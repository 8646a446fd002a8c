package dev.socklab.services.http.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.text.IoFailure;

/**
 * A PUT ({@code --http-upload}): the body becomes a file in a directory that already exists under
 * the root. It is written to a hidden temporary file beside its target ({@code .upload-*.part},
 * which is never listed or served), forced to disk, and renamed over the target only once whole,
 * so a reader sees the old file or the new one, never part of it, and a cut upload leaves nothing
 * behind. A directory, a link or anything else that is not a regular file is never replaced; no
 * directory is made. 201 for a new file, 204 for a replaced one.
 */
final class Upload {
    private static final int BUFFER_BYTES = 64 * 1024;

    private Upload() {
    }

    /** Stores {@code exchange}'s body at {@code path} under {@code root}. */
    static void put(Exchange exchange, Root root, RequestPath path) throws IOException, HttpException {
        List<String> names = path.segments();
        if (path.directory() || names.isEmpty()) {
            throw new HttpException(400, "a PUT names a file, so its path cannot end with a slash");
        }
        String name = names.getLast();
        if (Root.isHidden(name)) {
            throw new HttpException(403, "hidden files are neither served nor written: choose a name that does not begin with '.'");
        }
        RequestPath parent = new RequestPath(names.subList(0, names.size() - 1), true);
        Path dir = root.find(parent.segments()).filter(Root.Entry::isDirectory).map(Root.Entry::path)
                .orElseThrow(() -> new HttpException(409, "there is no directory " + parent.shown() + " to put "
                        + name + " in: socklab makes no directories"));
        Path target = dir.resolve(name);
        Optional<BasicFileAttributes> existing = Root.attributes(target);
        if (existing.isPresent() && !existing.get().isRegularFile()) {
            throw new HttpException(409, path.shown() + " is a directory or a link, which an upload never replaces");
        }
        Path part = dir.resolve(".upload-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
        boolean stored = false;
        try {
            long bytes = write(exchange, part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            stored = true;
            if (existing.isPresent()) {
                exchange.respond(204, Fields.none(), new byte[0]);
            } else {
                PlainText.respond(exchange, 201, Fields.of("Location", path.encoded()),
                        "stored " + path.shown() + " (" + bytes + " bytes)");
            }
        } finally {
            if (!stored) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Writes the body to {@code part}, a new file, and forces it to disk; the number of bytes. */
    private static long write(Exchange exchange, Path part) throws IOException, HttpException {
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS); InputStream in = exchange.bodyStream()) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long total = 0;
            for (int n = read(in, buffer); n >= 0; n = read(in, buffer)) {
                try {
                    out.write(ByteBuffer.wrap(buffer, 0, n));
                } catch (IOException e) {
                    throw new HttpException(500, "the file could not be stored: " + IoFailure.reason(e));
                }
                total += n;
            }
            out.force(true);
            return total;
        }
    }

    /** Reads the body; past the body limit, the 413 that the stream carries as its cause. */
    private static int read(InputStream in, byte[] buffer) throws IOException, HttpException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            if (e.getCause() instanceof HttpException tooLarge) {
                throw tooLarge;
            }
            throw e; // cut: the client is gone, and the finally above removes what came
        }
    }
}
