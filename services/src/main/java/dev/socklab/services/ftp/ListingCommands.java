package dev.socklab.services.ftp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import dev.socklab.services.storage.FileRoot;
import dev.socklab.services.storage.StorageException;
import dev.socklab.services.storage.StoragePath;

/**
 * What a directory holds and what a file is: LIST ({@code ls -l} lines), NLST (names), MLSD and MLST
 * (RFC 3659's facts), SIZE and MDTM. Hidden names and links are not shown, as the storage keeps them
 * out of every listing.
 */
final class ListingCommands {
    private ListingCommands() {
    }

    static Map<String, Verb> verbs() {
        return Map.of("LIST", Verb.loggedIn((s, a) -> list(s, withoutOptions(a), ListingCommands::lsLine)),
                "NLST", Verb.loggedIn((s, a) -> list(s, withoutOptions(a), (entry, session) -> entry.name())),
                "MLSD", Verb.loggedIn(ListingCommands::mlsd),
                "MLST", Verb.loggedIn(ListingCommands::mlst),
                "SIZE", Verb.loggedIn(ListingCommands::size),
                "MDTM", Verb.loggedIn(ListingCommands::mdtm));
    }

    private static String lsLine(FileRoot.Entry entry, Session session) {
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

    private static void list(Session session, String path, BiFunction<FileRoot.Entry, Session, String> line)
            throws IOException {
        List<FileRoot.Entry> entries;
        try {
            StoragePath target = session.resolve(path.isEmpty() ? "." : path);
            BasicFileAttributes attributes = session.root().attributes(target);
            entries = attributes.isDirectory() ? session.root().list(target)
                    : List.of(new FileRoot.Entry(target.name(), attributes));
        } catch (StorageException e) {
            session.refuse(e);
            return;
        }
        send(session, "Here comes the directory listing.", entries.stream().map(e -> line.apply(e, session)).toList());
    }

    private static void mlsd(Session session, String path) throws IOException {
        List<FileRoot.Entry> entries;
        try {
            StoragePath dir = session.resolve(path.isEmpty() ? "." : path);
            if (!session.root().attributes(dir).isDirectory()) {
                session.reply().send(501, dir.shown() + " is not a directory.");
                return;
            }
            entries = session.root().list(dir);
        } catch (StorageException e) {
            session.refuse(e);
            return;
        }
        send(session, "Here comes the directory listing.", entries.stream()
                .map(e -> session.facts().line(e.name(), e.attributes(), session.mayWrite())).toList());
    }

    private static void send(Session session, String opening, List<String> lines) throws IOException {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append("\r\n"));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Transfer.run(session, opening, data -> data.write(bytes));
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
