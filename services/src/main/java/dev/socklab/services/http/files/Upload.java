package dev.socklab.services.http.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;

import dev.socklab.http.Fields;
import dev.socklab.http.HttpException;
import dev.socklab.services.http.Exchange;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * A PUT ({@code --http-upload}): the body becomes a file in a directory that already exists under
 * the root. It is written to a hidden temporary file beside its target ({@code .upload-*.part},
 * which is never listed or served), forced to disk, and renamed over the target only once whole,
 * so a reader sees the old file or the new one, never part of it, and a cut upload leaves nothing
 * behind ({@link FileRoot#startUpload}). A directory, a link or anything else that is not a regular
 * file is never replaced; no directory is made. 201 for a new file, 204 for a replaced one.
 */
final class Upload {
    private static final int BUFFER_BYTES = 64 * 1024;

    private Upload() {
    }

    /** Stores {@code exchange}'s body at {@code path} under {@code root}. */
    static void put(Exchange exchange, FileRoot root, RequestPath path) throws IOException, HttpException {
        List<String> names = path.segments();
        if (path.directory() || names.isEmpty()) {
            throw new HttpException(400, "a PUT names a file, so its path cannot end with a slash");
        }
        String name = names.getLast();
        if (name.startsWith(".")) {
            throw new HttpException(403, "hidden files are neither served nor written: choose a name that does not begin with '.'");
        }
        StoragePath target = new StoragePath(names);
        RequestPath parent = new RequestPath(names.subList(0, names.size() - 1), true);
        boolean existed = exists(root, target);
        long bytes;
        // Every check is made before the body is read: a client that sent Expect: 100-continue hears the refusal first.
        try (FileRoot.Upload upload = start(exchange, root, target, parent);
             InputStream in = exchange.bodyStream()) {
            write(upload, in);
            bytes = upload.size();
            upload.commit();
        }
        if (existed) {
            exchange.respond(204, Fields.none(), new byte[0]);
        } else {
            PlainText.respond(exchange, 201, Fields.of("Location", path.encoded()),
                    "stored " + path.shown() + " (" + bytes + " bytes)");
        }
    }

    private static boolean exists(FileRoot root, StoragePath target) {
        try {
            root.attributes(target);
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    private static FileRoot.Upload start(Exchange exchange, FileRoot root, StoragePath target, RequestPath parent)
            throws HttpException {
        try {
            return root.startUpload(target, true, true, 0, exchange.connection().peer());
        } catch (StorageException e) {
            throw switch (e.kind()) {
                case NOT_FOUND -> new HttpException(409, "there is no directory " + parent.shown() + " to put "
                        + target.name() + " in: socklab makes no directories");
                case DENIED -> new HttpException(409, target.shown() + " is a directory or a link, which an upload never replaces");
                default -> new HttpException(500, "the file could not be stored: " + e.getMessage());
            };
        }
    }

    /** Writes the body to {@code upload}. */
    private static void write(FileRoot.Upload upload, InputStream in) throws IOException, HttpException {
        byte[] buffer = new byte[BUFFER_BYTES];
        for (int n = read(in, buffer); n >= 0; n = read(in, buffer)) {
            try {
                upload.write(ByteBuffer.wrap(buffer, 0, n));
            } catch (StorageException e) {
                throw new HttpException(500, "the file could not be stored: " + e.getMessage());
            }
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
            throw e; // cut: the client is gone, and closing the upload removes what came
        }
    }
}
