package dev.socklab.services.storage;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * The directory a file service serves, and the one way to reach a file under it. Every path a
 * client gives is resolved here ({@link #resolve}); every open, listing, upload and change goes
 * through the resulting {@link StoragePath}, walked from the root's real path one name at a time
 * without following links.
 */
public final class FileRoot {
    private FileRoot() {
        throw new UnsupportedOperationException("storage helper");
    }

    /**
     * The root at {@code dir}, for the flag that named it ({@code --tftp-root}).
     *
     * @throws dev.socklab.runtime.SettingException if {@code dir} is not a readable directory
     */
    public static FileRoot of(Path dir, String flag, UploadLimits limits) {
        throw new UnsupportedOperationException("storage helper");
    }

    /** The root's real path. */
    public Path path() {
        throw new UnsupportedOperationException("storage helper");
    }

    /**
     * Resolves {@code clientPath}, absolute from the root ({@code /pub/a}) or relative to {@code cwd}
     * ({@code a}, {@code ../b}), into a normalised path that stays inside the root.
     *
     * @throws StorageException {@link StorageException.Kind#BAD_NAME} for NUL, a control character, a
     *     backslash, or a {@code ..} that would climb out of the root
     */
    public StoragePath resolve(StoragePath cwd, String clientPath) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** The attributes of what {@code path} leads to, not following links: NOT_FOUND for a link, a hidden name or nothing. */
    public BasicFileAttributes attributes(StoragePath path) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** Opens a regular file for reading, {@code O_NOFOLLOW}. */
    public FileChannel openRead(StoragePath path) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** The visible entries of a directory (no hidden names, no links), sorted by name. */
    public List<Entry> list(StoragePath dir) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /**
     * Begins an upload to {@code target}: a hidden temporary file beside it that becomes the file only
     * on {@link Upload#commit()}.
     *
     * @param mayCreate whether a file that does not exist may be created (TFTP's {@code --tftp-create})
     * @param mayReplace whether an existing file may be replaced
     * @param keepFirst how many bytes of the existing file the upload starts with: 0 for a new
     *     content, the file's size for an append ({@code APPE}), the restart offset for {@code REST}
     *     then {@code STOR}
     * @param source whose quota the bytes count against
     */
    public Upload startUpload(StoragePath target, boolean mayCreate, boolean mayReplace, long keepFirst,
                              SocketAddress source) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** Makes a directory (FTP's {@code MKD}). */
    public void makeDirectory(StoragePath path) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** Removes an empty directory ({@code RMD}). */
    public void removeDirectory(StoragePath path) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** Deletes a regular file ({@code DELE}). */
    public void delete(StoragePath path) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** Renames a file or directory within the root ({@code RNFR}/{@code RNTO}); never over an existing name. */
    public void rename(StoragePath from, StoragePath to) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** Sets a regular file's modification time ({@code MFMT}). */
    public void setModified(StoragePath path, FileTime time) throws StorageException {
        throw new UnsupportedOperationException("storage helper");
    }

    /** A visible entry of a directory, with its attributes as read. */
    public record Entry(String name, BasicFileAttributes attributes) {
    }

    /**
     * An upload in progress. Its bytes go to a hidden temporary file; {@link #commit()} forces it to
     * disk and renames it into place; {@link #close()} without a commit removes it. A write past a
     * quota, or onto a full disk, removes it and throws {@link StorageException}.
     */
    public interface Upload extends AutoCloseable {
        /** Appends {@code src}. */
        void write(java.nio.ByteBuffer src) throws IOException;

        /** Bytes the file holds so far, kept bytes included. */
        long size();

        /** Forces the file to disk and renames it over the target. */
        void commit() throws IOException;

        /** Removes the temporary file unless committed. */
        @Override
        void close();
    }
}
