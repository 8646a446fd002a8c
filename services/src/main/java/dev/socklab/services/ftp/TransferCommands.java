package dev.socklab.services.ftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * RETR, STOR, APPE, REST and ABOR. A file goes out with {@code sendfile(2)} (through the heap under
 * TLS), from the REST offset when one was given. An upload goes to the storage's temporary file and
 * takes the file's name only once the client has closed the data connection after the last byte: a
 * cut connection leaves the old file as it was. REST then STOR keeps the file's first bytes up to the
 * offset and writes the rest after them; APPE keeps the whole file, so both resume an upload.
 */
final class TransferCommands {
    /** What an upload reads at a time from its data connection. */
    private static final int UPLOAD_BUFFER = 64 * 1024;
    private static final ByteBuffer NO_HEAD = ByteBuffer.allocate(0);

    private TransferCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("RETR", Verb.loggedIn(TransferCommands::retr),
                "STOR", Verb.writer((session, path) -> store(session, path, false)),
                "APPE", Verb.writer((session, path) -> store(session, path, true)),
                "REST", Verb.loggedIn(TransferCommands::rest),
                "ABOR", Verb.loggedIn(TransferCommands::abor));
    }

    private static void retr(Session session, String path) throws IOException {
        long offset = session.takeRestart();
        StoragePath file;
        try {
            file = session.resolve(path);
            BasicFileAttributes attributes = session.root().attributes(file);
            if (!attributes.isRegularFile()) {
                session.reply().send(550, "Failed to open file: " + file.shown() + " is not a file.");
                return;
            }
        } catch (StorageException e) {
            session.refuse(e);
            return;
        }
        try (FileChannel channel = session.root().openRead(file)) {
            long size = channel.size();
            long start = Math.min(offset, size);
            boolean done = Transfer.run(session, "Opening " + mode(session) + " mode data connection for "
                    + file.name() + " (" + size + " bytes).", data -> data.sendFile(NO_HEAD, channel, start, size - start));
            if (done) {
                session.control().log().info("sent {} ({} bytes from {})", file.shown(), size - start, start);
            }
        } catch (StorageException e) {
            session.refuse(e);
        }
    }

    private static void store(Session session, String path, boolean append) throws IOException {
        long offset = session.takeRestart();
        StoragePath file;
        long keep;
        try {
            file = session.resolve(path);
            keep = append ? existingSize(session.root(), file) : offset;
        } catch (StorageException e) {
            session.refuse(e);
            return;
        }
        try (FileRoot.Upload upload = session.root().startUpload(file, true, true, keep, session.control().peer())) {
            boolean done = Transfer.run(session, "Ok to send data.", data -> {
                ByteBuffer buffer = ByteBuffer.allocate(UPLOAD_BUFFER);
                while (data.read(buffer) >= 0) {
                    upload.write(buffer.flip());
                    buffer.clear();
                }
                upload.commit();
            });
            if (done) {
                session.control().log().info("stored {} ({} bytes, {} kept)", file.shown(), upload.size(), keep);
            }
        } catch (StorageException e) {
            session.refuse(e);
        }
    }

    /** An APPE's starting point: the file's size, or 0 for a file that is not there yet. */
    private static long existingSize(FileRoot root, StoragePath file) throws StorageException {
        try {
            return root.attributes(file).size();
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.NOT_FOUND) {
                return 0;
            }
            throw e;
        }
    }

    private static void rest(Session session, String argument) throws IOException {
        long offset;
        try {
            offset = Long.parseLong(argument.strip());
        } catch (NumberFormatException e) {
            offset = -1;
        }
        if (offset < 0) {
            session.reply().send(501, "REST takes a byte offset, such as REST 1000.");
            return;
        }
        session.restart(offset);
        session.reply().send(350, "Restart position accepted (" + offset + ").");
    }

    /** ABOR with no transfer in progress (one in progress is {@link Transfer}'s): drops a prepared data connection and a REST offset. */
    private static void abor(Session session, String argument) throws IOException {
        session.data().forget();
        session.takeRestart();
        session.reply().send(225, "No transfer to ABOR.");
    }

    private static String mode(Session session) {
        return session.binary() ? "BINARY" : "ASCII";
    }
}
