package dev.socklab.services.storage;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.socklab.runtime.SettingException;
import dev.socklab.text.IoFailure;
import dev.socklab.text.Visible;

/**
 * The directory a file service serves, and the one way to reach a file under it. Every path a
 * client gives is resolved here ({@link #resolve}); every open, listing, upload and change goes
 * through the resulting {@link StoragePath}, walked from the root's real path one name at a time
 * without following links.
 *
 * <p>The rules. A client's path is normalised lexically ({@code //} and {@code .} drop out,
 * {@code ..} takes away a name) and refused as {@link StorageException.Kind#BAD_NAME BAD_NAME} if
 * a {@code ..} would climb above the root, or if it holds NUL, a control character or a backslash
 * ({@link Names}). Walking it, a symbolic link is never followed, not even one that stays inside
 * the root (as for the http service's files): a link anywhere on the way, a hidden name (one
 * beginning with {@code .}) or anything but a directory or a regular file is as if nothing were
 * there ({@link StorageException.Kind#NOT_FOUND NOT_FOUND}), and files are opened with
 * {@code O_NOFOLLOW}. Hidden names are neither listed, served nor written. A name swapped for a
 * link between the walk and the open is a race only opening each name relative to its directory
 * ({@code openat}) would close; the final name's open refuses a link whatever happens.
 *
 * <p>Uploads ({@link #startUpload}) go to a hidden temporary file beside the target,
 * {@code .upload-<random>.part}, which is forced to disk and renamed into place only on
 * {@link Upload#commit()}: a reader sees the old file or the new one, never part of one. A server
 * killed in the middle leaves its temporary file behind, hidden, so never seen under the target's
 * name; a server start leaves such files alone, as another server may share the root and be
 * uploading into it (remove old ones by hand: {@code find ROOT -name '.upload-*.part' -mmin +60 -delete}).
 * Every root counts what each source stores ({@link UploadLimits}).
 */
public final class FileRoot {
    private final Path real;
    /** Changed by a reload; each upload reads it once, as it starts. */
    private volatile UploadLimits limits;
    private final SourceQuota quota;

    private FileRoot(Path real, UploadLimits limits) {
        this.real = real;
        this.limits = limits;
        this.quota = new SourceQuota(limits.maxBytesPerSource());
    }

    /**
     * The root at {@code dir}, for the flag that named it ({@code --tftp-root}).
     *
     * @throws dev.socklab.runtime.SettingException if {@code dir} is not a readable directory
     */
    public static FileRoot of(Path dir, String flag, UploadLimits limits) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new SettingException(flag + " " + dir + " cannot be served (" + IoFailure.reason(e)
                    + "): name a directory that exists", e);
        }
        if (!Files.isDirectory(real)) {
            throw new SettingException(flag + " " + dir + " is not a directory: name the directory whose files to serve");
        }
        if (!Files.isReadable(real) || !Files.isExecutable(real)) {
            throw new SettingException(flag + " " + dir + " cannot be read (permission denied): name a directory"
                    + " this user may list");
        }
        return new FileRoot(real, limits);
    }

    /** How much one upload and one source may store, now. */
    public UploadLimits limits() {
        return limits;
    }

    /**
     * Changes the limits (a reload): the largest upload for uploads that start from then on, the
     * quota of each source at once, against the bytes it has stored so far.
     */
    public void limits(UploadLimits next) {
        limits = next;
        quota.limit(next.maxBytesPerSource());
    }

    /** The root's real path. */
    public Path path() {
        return real;
    }

    /**
     * Resolves {@code clientPath}, absolute from the root ({@code /pub/a}) or relative to {@code cwd}
     * ({@code a}, {@code ../b}), into a normalised path that stays inside the root.
     *
     * @throws StorageException {@link StorageException.Kind#BAD_NAME} for NUL, a control character, a
     *     backslash, or a {@code ..} that would climb out of the root
     */
    public StoragePath resolve(StoragePath cwd, String clientPath) throws StorageException {
        int refused = Names.firstRefused(clientPath);
        if (refused >= 0) {
            char c = clientPath.charAt(refused);
            throw new StorageException(StorageException.Kind.BAD_NAME, "the path " + Visible.of(clientPath)
                    + " holds " + (c == '\\' ? "a backslash" : "a control character") + ", which no name here may hold");
        }
        List<String> names = new ArrayList<>(clientPath.startsWith("/") ? List.of() : cwd.names());
        for (String name : clientPath.split("/")) {
            if (name.equals("..")) {
                if (names.isEmpty()) {
                    throw new StorageException(StorageException.Kind.BAD_NAME, "the path " + Visible.of(clientPath)
                            + " climbs above the root, which is as high as a path here goes");
                }
                names.removeLast();
            } else if (!name.isEmpty() && !name.equals(".")) {
                names.add(name);
            }
        }
        return new StoragePath(names);
    }

    /** The attributes of what {@code path} leads to, not following links: NOT_FOUND for a link, a hidden name or nothing. */
    public BasicFileAttributes attributes(StoragePath path) throws StorageException {
        return find(path).orElseThrow(() -> notFound(path)).attributes();
    }

    /** Opens a regular file for reading, {@code O_NOFOLLOW}. */
    public FileChannel openRead(StoragePath path) throws StorageException {
        Found file = find(path).orElseThrow(() -> notFound(path));
        if (!file.attributes().isRegularFile()) {
            throw new StorageException(StorageException.Kind.DENIED, path + " is a directory, not a file");
        }
        try {
            return FileChannel.open(file.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // Swapped for a link (O_NOFOLLOW's ELOOP) or anything else since the walk: as if nothing were there.
            if (visible(file.path()).filter(BasicFileAttributes::isRegularFile).isEmpty()) {
                throw notFound(path);
            }
            throw Failures.of(e, "cannot read " + path);
        }
    }

    /**
     * Opens the directory {@code dir} for listing: its visible entries (no hidden names, no links), read
     * one at a time as they are handed out, in no order ({@link DirectoryListing}).
     *
     * @throws StorageException NOT_FOUND when {@code dir} is not a visible directory; DENIED when it cannot be read
     */
    public DirectoryListing list(StoragePath dir) throws StorageException {
        Path found = directory(dir);
        try {
            return new DirectoryListing(Files.newDirectoryStream(found), dir);
        } catch (IOException e) {
            throw Failures.of(e, "cannot list " + dir);
        }
    }

    /**
     * Begins an upload to {@code target}: a hidden temporary file beside it that becomes the file only
     * on {@link Upload#commit()}.
     *
     * @param mayCreate whether a file that does not exist may be created (TFTP's {@code --tftp-create});
     *     NOT_FOUND when it may not
     * @param mayReplace whether an existing file may be replaced; EXISTS when it may not
     * @param keepFirst how many bytes of the existing file the upload starts with: 0 for a new
     *     content, the file's size for an append ({@code APPE}), the restart offset for {@code REST}
     *     then {@code STOR}; DENIED when the file is shorter (or missing and this is not 0)
     * @param source whose quota the bytes count against: the bytes written, not the kept ones, which
     *     were stored before; a peer without an IP address (a Unix socket's) is held to the limit of
     *     one upload only
     * @throws StorageException BAD_NAME for the root or a hidden name, NOT_FOUND when the directory
     *     is missing, DENIED when the target is a directory, a link or anything but a regular file,
     *     QUOTA when the kept bytes alone pass the limit of one upload
     */
    public Upload startUpload(StoragePath target, boolean mayCreate, boolean mayReplace, long keepFirst,
                              SocketAddress source) throws StorageException {
        if (target.isRoot() || Names.isHidden(target.name())) {
            throw new StorageException(StorageException.Kind.BAD_NAME, target.isRoot()
                    ? "the root is a directory, which an upload never replaces"
                    : "hidden files are neither served nor written: choose a name that does not begin with '.'");
        }
        Path file = child(directory(target.parent()), target.name(), target);
        Optional<BasicFileAttributes> existing = attributesOf(file);
        if (existing.isPresent() && !existing.get().isRegularFile()) {
            throw new StorageException(StorageException.Kind.DENIED, target
                    + " is a directory or a link, which an upload never replaces");
        }
        if (existing.isPresent() && !mayReplace) {
            throw new StorageException(StorageException.Kind.EXISTS, target + " exists, and this server replaces no file");
        }
        if (existing.isEmpty() && !mayCreate) {
            throw new StorageException(StorageException.Kind.NOT_FOUND, target + " does not exist, and this server"
                    + " creates no file");
        }
        long size = existing.map(BasicFileAttributes::size).orElse(0L);
        if (keepFirst < 0 || keepFirst > size) {
            throw new StorageException(StorageException.Kind.DENIED, "cannot resume " + target + " at byte " + keepFirst
                    + ": it holds " + size + " bytes");
        }
        long maxUpload = limits.maxUploadBytes();
        if (keepFirst > maxUpload) {
            throw new StorageException(StorageException.Kind.QUOTA, target + " would pass the limit of "
                    + maxUpload + " bytes an upload may store");
        }
        return PartFile.start(file, keepFirst, mayReplace, target.shown(), maxUpload, quota, SourceQuota.keyOf(source));
    }

    /** Makes a directory (FTP's {@code MKD}): BAD_NAME for a hidden name, EXISTS when the name is taken. */
    public void makeDirectory(StoragePath path) throws StorageException {
        if (path.isRoot()) {
            throw new StorageException(StorageException.Kind.EXISTS, "the root exists already");
        }
        refuseHidden(path);
        Path dir = child(directory(path.parent()), path.name(), path);
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw Failures.of(e, "cannot make " + path);
        }
    }

    /** Removes an empty directory ({@code RMD}): never the root, never a link; DENIED when not empty. */
    public void removeDirectory(StoragePath path) throws StorageException {
        if (path.isRoot()) {
            throw new StorageException(StorageException.Kind.DENIED, "the root is never removed");
        }
        Found dir = find(path).orElseThrow(() -> notFound(path));
        if (!dir.attributes().isDirectory()) {
            throw new StorageException(StorageException.Kind.DENIED, path + " is a file: delete it instead");
        }
        remove(dir.path(), path);
    }

    /** Deletes a regular file ({@code DELE}); DENIED for a directory. */
    public void delete(StoragePath path) throws StorageException {
        Found file = find(path).orElseThrow(() -> notFound(path));
        if (!file.attributes().isRegularFile()) {
            throw new StorageException(StorageException.Kind.DENIED, path + " is a directory: remove it as one");
        }
        remove(file.path(), path);
    }

    /**
     * Renames a file or directory within the root ({@code RNFR}/{@code RNTO}); never over an existing
     * name (EXISTS), never to a hidden name (BAD_NAME), never a directory into itself (DENIED). The
     * JDK has no {@code RENAME_NOREPLACE}: a name made between the check and the rename is replaced.
     */
    public void rename(StoragePath from, StoragePath to) throws StorageException {
        if (from.isRoot()) {
            throw new StorageException(StorageException.Kind.DENIED, "the root is never renamed");
        }
        if (to.isRoot()) {
            throw new StorageException(StorageException.Kind.EXISTS, "the root exists already");
        }
        refuseHidden(to);
        Found source = find(from).orElseThrow(() -> notFound(from));
        if (to.isWithin(from)) {
            throw new StorageException(StorageException.Kind.DENIED, "cannot move " + from + " into itself");
        }
        Path target = child(directory(to.parent()), to.name(), to);
        if (attributesOf(target).isPresent()) {
            throw new StorageException(StorageException.Kind.EXISTS, to + " exists, and a rename never replaces a name");
        }
        try {
            Files.move(source.path(), target);
        } catch (IOException e) {
            throw Failures.of(e, "cannot rename " + from + " to " + to);
        }
    }

    /** Sets a regular file's modification time ({@code MFMT}); DENIED for a directory. */
    public void setModified(StoragePath path, FileTime time) throws StorageException {
        Found file = find(path).orElseThrow(() -> notFound(path));
        if (!file.attributes().isRegularFile()) {
            throw new StorageException(StorageException.Kind.DENIED, path + " is a directory, not a file");
        }
        try {
            Files.getFileAttributeView(file.path(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, null, null);
        } catch (IOException e) {
            throw Failures.of(e, "cannot set the time of " + path);
        }
    }

    /** What {@code path} leads to: nothing if any name on the way is missing, hidden, a link or not reachable. */
    private Optional<Found> find(StoragePath path) throws StorageException {
        Optional<Found> found = attributesOf(real).map(a -> new Found(real, a));
        for (String name : path.names()) {
            if (found.isEmpty() || !found.get().attributes().isDirectory() || Names.isHidden(name)) {
                return Optional.empty();
            }
            Path next = child(found.get().path(), name, path);
            found = visible(next).map(a -> new Found(next, a));
        }
        return found;
    }

    /** The directory {@code dir} leads to; NOT_FOUND when it is not one. */
    private Path directory(StoragePath dir) throws StorageException {
        return find(dir).filter(f -> f.attributes().isDirectory()).map(Found::path)
                .orElseThrow(() -> new StorageException(StorageException.Kind.NOT_FOUND, "there is no directory " + dir));
    }

    /** {@code name} in {@code dir}; BAD_NAME for a name the file system's encoding cannot hold. */
    private static Path child(Path dir, String name, StoragePath whole) throws StorageException {
        try {
            return dir.resolve(name);
        } catch (InvalidPathException e) {
            throw new StorageException(StorageException.Kind.BAD_NAME, "the path " + Visible.of(whole.shown())
                    + " holds a name the file system cannot store", e);
        }
    }

    /** The attributes of a directory or a regular file at {@code path} itself; none for a link, anything else, or nothing. */
    static Optional<BasicFileAttributes> visible(Path path) {
        return attributesOf(path).filter(a -> a.isDirectory() || a.isRegularFile());
    }

    /** The attributes of {@code path} itself, a link being a link: none if they cannot be read. */
    private static Optional<BasicFileAttributes> attributesOf(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            // Missing, or not ours to see: the client hears "not found" either way.
            return Optional.empty();
        }
    }

    private static void remove(Path file, StoragePath shown) throws StorageException {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw Failures.of(e, "cannot remove " + shown);
        }
    }

    private static void refuseHidden(StoragePath path) throws StorageException {
        if (Names.isHidden(path.name())) {
            throw new StorageException(StorageException.Kind.BAD_NAME,
                    "hidden names are neither served nor written: choose a name that does not begin with '.'");
        }
    }

    private static StorageException notFound(StoragePath path) {
        return new StorageException(StorageException.Kind.NOT_FOUND, "there is no file or directory " + path);
    }

    /** A visible entry of a directory, with its attributes as read. */
    public record Entry(String name, BasicFileAttributes attributes) {
    }

    /** What a walk found: a directory or a regular file under the root, and its attributes as read. */
    private record Found(Path path, BasicFileAttributes attributes) {
    }

    /**
     * An upload in progress. Its bytes go to a hidden temporary file; {@link #commit()} forces it to
     * disk and renames it into place; {@link #close()} without a commit removes it. A write past a
     * quota, or onto a full disk, removes it and throws {@link StorageException}.
     */
    public interface Upload extends AutoCloseable {
        /** Appends {@code src}. */
        void write(ByteBuffer src) throws IOException;

        /** Bytes the file holds so far, kept bytes included. */
        long size();

        /** Forces the file to disk and renames it over the target. */
        void commit() throws IOException;

        /** Removes the temporary file unless committed. */
        @Override
        void close();
    }
}
