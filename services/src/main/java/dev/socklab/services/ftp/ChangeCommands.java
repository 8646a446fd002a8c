package dev.socklab.services.ftp;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;

import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * DELE, MKD, RMD, RNFR with RNTO, and MFMT: the changes an account that may write can make. RNTO
 * never replaces what is there; a path out of the root is refused as every path is.
 */
final class ChangeCommands {
    private ChangeCommands() {
    }

    /** A change the storage may refuse. */
    @FunctionalInterface
    private interface Change {
        void apply(Session session, String argument) throws IOException;
    }

    static Map<String, Verb> verbs() {
        return Map.of("DELE", writer((s, a) -> {
                    s.root().delete(s.resolve(a));
                    s.reply().send(250, "Delete operation successful.");
                }),
                "MKD", writer((s, a) -> {
                    StoragePath dir = s.resolve(a);
                    s.root().makeDirectory(dir);
                    s.reply().send(257, Replies.quoted(dir.shown()) + " created");
                }),
                "RMD", writer((s, a) -> {
                    s.root().removeDirectory(s.resolve(a));
                    s.reply().send(250, "Remove directory operation successful.");
                }),
                "RNFR", writer(ChangeCommands::rnfr),
                "RNTO", writer(ChangeCommands::rnto),
                "MFMT", writer(ChangeCommands::mfmt));
    }

    private static Verb writer(Change change) {
        return Verb.writer((session, argument) -> {
            try {
                change.apply(session, argument);
            } catch (StorageException e) {
                session.refuse(e);
            }
        });
    }

    private static void rnfr(Session session, String path) throws IOException {
        StoragePath from = session.resolve(path);
        session.root().attributes(from);
        session.renameFrom(from);
        session.reply().send(350, "Ready for RNTO.");
    }

    private static void rnto(Session session, String path) throws IOException {
        Optional<StoragePath> from = session.takeRenameFrom();
        if (from.isEmpty()) {
            session.reply().send(503, "RNFR required first.");
            return;
        }
        session.root().rename(from.get(), session.resolve(path));
        session.reply().send(250, "Rename successful.");
    }

    /** {@code MFMT 20260101120000 file}, draft-somers-ftp-mfxx: the time first, then the path. */
    private static void mfmt(Session session, String argument) throws IOException {
        int space = argument.indexOf(' ');
        Optional<FileTime> time = space < 0 ? Optional.empty() : FtpTime.parse(argument.substring(0, space));
        if (time.isEmpty()) {
            session.reply().send(501, "MFMT takes a time and a path: MFMT 20260101120000 file.");
            return;
        }
        StoragePath file = session.resolve(argument.substring(space + 1));
        session.root().setModified(file, time.get());
        session.reply().send(213, "Modify=" + FtpTime.format(time.get()) + "; " + file.shown());
    }
}
