package dev.socklab.services.ftp;

import java.io.IOException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.socklab.services.storage.DirectoryListing;
import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * What a directory holds and what a file is: LIST ({@code ls -l} lines), NLST (names), MLSD and MLST
 * (RFC 3659's facts), SIZE and MDTM. Hidden names and links are not shown, as the storage keeps them
 * out of every listing. A listing goes out as the directory is read, in the file system's order, not
 * sorted: sorting would hold the whole directory in memory, and no client asks for an order (curl,
 * lftp, wget and ftplib take the names as they come).
 */
final class ListingCommands {
    private static final String OPENING = "Here comes the directory listing.";
    /** The characters of lines a listing gathers before each write: a write each would be a segment (and a TLS record) each. */
    private static final int BATCH = 16 * 1024;
    /**
     * The most entries a listing sorts, as vsftpd sorts all of them: a couple of hundred bytes each held
     * while the directory is read. Past it, a listing comes in the file system's order.
     */
    static final int SORTED_UP_TO = 1_000;

    private ListingCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("LIST", Verb.loggedIn((s, a) -> list(s, withoutOptions(a), ListingCommands::lsLine)),
                "NLST", Verb.loggedIn((s, a) -> list(s, withoutOptions(a), FileRoot.Entry::name)),
                "MLSD", Verb.loggedIn(ListingCommands::mlsd),
                "MLST", Verb.loggedIn(ListingCommands::mlst),
                "SIZE", Verb.loggedIn(ListingCommands::size),
                "MDTM", Verb.loggedIn(ListingCommands::mdtm));
    }

    private static String lsLine(FileRoot.Entry entry) {
        return LsFormat.line(entry.name(), entry.attributes(), Instant.now());
    }

    /**
     * LIST's and NLST's path, without the {@code ls} options clients add ({@code LIST -a}, {@code LIST -la /pub}),
     * which change nothing here: hidden names are never shown.
     */
    static String withoutOptions(String argument) {
        String rest = argument.strip();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        return rest;
    }

    private static void list(Session session, String path, Function<FileRoot.Entry, String> line) throws IOException {
        try {
            StoragePath target = session.resolve(path.isEmpty() ? "." : path);
            BasicFileAttributes attributes = session.root().attributes(target);
            if (!attributes.isDirectory()) {
                String only = line.apply(new FileRoot.Entry(target.name(), attributes));
                Transfer.run(session, OPENING, data -> data.write(only + "\r\n"));
                return;
            }
            try (DirectoryListing entries = session.root().list(target)) {
                send(session, entries, line);
            }
        } catch (StorageException e) {
            session.refuse(e);
        }
    }

    private static void mlsd(Session session, String path) throws IOException {
        try {
            StoragePath dir = session.resolve(path.isEmpty() ? "." : path);
            if (!session.root().attributes(dir).isDirectory()) {
                session.reply().send(501, dir.shown() + " is not a directory.");
                return;
            }
            // Read here, not on the transfer's thread: the session's state is the control connection's.
            Facts facts = session.facts();
            boolean mayWrite = session.mayWrite();
            try (DirectoryListing entries = session.root().list(dir)) {
                send(session, entries, e -> facts.line(e.name(), e.attributes(), mayWrite));
            }
        } catch (StorageException e) {
            session.refuse(e);
        }
    }

    /**
     * Sends a line for each entry, in writes of about {@link #BATCH} characters: sorted by name for a
     * directory of up to {@link #SORTED_UP_TO} entries, as the directory is read for a larger one,
     * so that what a listing holds at once is bounded whatever the directory's size. The
     * directory is opened before 150, so that a missing or unreadable one is 550 with no transfer; one
     * that fails to read on ends the transfer, its data connection reset, with the storage's reply.
     */
    private static void send(Session session, DirectoryListing entries, Function<FileRoot.Entry, String> line)
            throws IOException {
        Transfer.run(session, OPENING, data -> {
            StringBuilder batch = new StringBuilder(BATCH + 256);
            entries.forEachSortedUpTo(SORTED_UP_TO, entry -> {
                batch.append(line.apply(entry)).append("\r\n");
                if (batch.length() >= BATCH) {
                    data.write(batch.toString());
                    batch.setLength(0);
                }
            });
            if (!batch.isEmpty()) {
                data.write(batch.toString());
            }
        });
    }

    private static void mlst(Session session, String path) throws IOException {
        try {
            StoragePath target = session.resolve(path.isEmpty() ? "." : path);
            BasicFileAttributes attributes = session.root().attributes(target);
            session.reply().multi(250, "Listing " + target.shown(),
                    List.of(session.facts().line(target.shown(), attributes, session.mayWrite())), "End");
        } catch (StorageException e) {
            session.refuse(e);
        }
    }

    private static void size(Session session, String path) throws IOException {
        try {
            BasicFileAttributes attributes = session.root().attributes(session.resolve(path));
            if (attributes.isRegularFile()) {
                session.reply().send(213, Long.toString(attributes.size()));
            } else {
                session.reply().send(550, "Could not get file size: not a file.");
            }
        } catch (StorageException e) {
            session.refuse(e);
        }
    }

    private static void mdtm(Session session, String path) throws IOException {
        try {
            BasicFileAttributes attributes = session.root().attributes(session.resolve(path));
            if (attributes.isRegularFile()) {
                session.reply().send(213, FtpTime.format(attributes.lastModifiedTime()));
            } else {
                session.reply().send(550, "Could not get the modification time: not a file.");
            }
        } catch (StorageException e) {
            session.refuse(e);
        }
    }
}
