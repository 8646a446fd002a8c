package dev.socklab.services.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An upload's hidden temporary file ({@code .upload-<random>.part}) beside its target. Bytes are
 * counted against both quotas before they are written, so a refused write leaves nothing past a
 * quota on disk; a refusal, a full disk or a {@link #close()} without {@link #commit()} removes the
 * file and gives the source's count back; a {@link #commit()} closes it too. Once closed, a write or
 * a commit throws {@link ClosedChannelException}. Used by one thread at a time, as one transfer is.
 */
final class PartFile implements FileRoot.Upload {
    private final Path part;
    private final Path target;
    private final boolean mayReplace;
    private final String shown;
    private final FileChannel out;
    private final long maxBytes;
    private final SourceQuota quota;
    private final InetAddress source;
    private long size;
    private long counted;
    private boolean committed;
    private boolean closed;

    private PartFile(Path part, Path target, boolean mayReplace, String shown, FileChannel out, long maxBytes,
                     SourceQuota quota, InetAddress source) {
        this.part = part;
        this.target = target;
        this.mayReplace = mayReplace;
        this.shown = shown;
        this.out = out;
        this.maxBytes = maxBytes;
        this.quota = quota;
        this.source = source;
    }

    /**
     * A new temporary file beside {@code target} holding its first {@code keepFirst} bytes: 0, or no
     * more than {@code target}, found as a regular file, holds.
     */
    static PartFile start(Path target, long keepFirst, boolean mayReplace, String shown,
                          long maxBytes, SourceQuota quota, InetAddress source) throws StorageException {
        Path part = target.resolveSibling(".upload-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".part");
        FileChannel out;
        try {
            out = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw Failures.of(e, "cannot store " + shown);
        }
        PartFile upload = new PartFile(part, target, mayReplace, shown, out, maxBytes, quota, source);
        try {
            if (keepFirst > 0) {
                upload.keep(keepFirst);
            }
            return upload;
        } catch (StorageException e) {
            upload.close();
            throw e;
        }
    }

    /** Copies the target's first {@code bytes} in the kernel; they were stored before, so no quota counts them again. */
    private void keep(long bytes) throws StorageException {
        try (FileChannel in = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            while (size < bytes) {
                long copied = in.transferTo(size, bytes - size, out);
                if (copied <= 0) {
                    throw new StorageException(StorageException.Kind.DENIED, "cannot resume " + shown
                            + ": it became shorter than " + bytes + " bytes while the upload began");
                }
                size += copied;
            }
        } catch (IOException e) {
            throw Failures.of(e, "cannot resume " + shown);
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        int bytes = src.remaining();
        if (bytes > maxBytes - size) {
            throw refuse(new StorageException(StorageException.Kind.QUOTA, shown + " would pass the limit of "
                    + maxBytes + " bytes an upload may store"));
        }
        if (!quota.take(source, bytes)) {
            throw refuse(new StorageException(StorageException.Kind.QUOTA, "storing " + shown
                    + " would pass the limit of bytes this address may store"));
        }
        counted += bytes;
        try {
            while (src.hasRemaining()) {
                size += out.write(src);
            }
        } catch (IOException e) {
            throw refuse(Failures.of(e, "cannot store " + shown));
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void commit() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        try {
            out.force(true);
            out.close();
            if (mayReplace) {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                // link(2) fails on an existing name where a rename would replace it, so a file made meanwhile stays.
                Files.createLink(target, part);
            }
        } catch (IOException e) {
            throw refuse(Failures.of(e, "cannot store " + shown));
        }
        committed = true;
        syncDirectory();
        close(); // after a link, removes the temporary name
    }

    /**
     * Forces the directory, so the rename itself outlives a power cut. Best effort: the file is in
     * place already, and a file system that cannot open a directory for reading has no such sync.
     */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // The upload is complete either way; only its durability across a power cut is the system's.
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            Files.deleteIfExists(part);
        } catch (IOException e) {
            // Nothing more can be done: the name is hidden, so a leftover part is never seen under the target's name.
        } finally {
            if (!committed) {
                quota.giveBack(source, counted);
            }
        }
    }

    /** Ends the upload with {@code e}: the temporary file goes, and the source's count is given back. */
    private StorageException refuse(StorageException e) {
        close();
        return e;
    }
}
