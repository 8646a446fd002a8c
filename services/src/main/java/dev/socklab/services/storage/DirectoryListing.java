package dev.socklab.services.storage;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A directory opened for listing ({@link FileRoot#list}): its visible entries, read from the file
 * system one at a time as they are handed out, so that a directory of millions of names costs no
 * more memory than one of ten. They come in the order the file system gives them, which is no order:
 * sorting would hold the whole directory. An entry present throughout comes exactly once; one made
 * or removed meanwhile may or may not (POSIX's {@code readdir}). Close it, whether read or not.
 */
public final class DirectoryListing implements AutoCloseable {
    private final DirectoryStream<Path> stream;
    private final StoragePath dir;

    DirectoryListing(DirectoryStream<Path> stream, StoragePath dir) {
        this.stream = stream;
        this.dir = dir;
    }

    /** What is done with each entry as it is read. */
    @FunctionalInterface
    public interface EntryHandler {
        void accept(FileRoot.Entry entry) throws IOException;
    }

    /**
     * Hands each visible entry to {@code each} as it is read: no hidden name, no link, nothing but
     * files and directories, no name that holds a control character or a backslash. Once only.
     *
     * @throws StorageException if the directory cannot be read on; whatever {@code each} throws
     */
    public void forEach(EntryHandler each) throws IOException {
        try {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                // A name made outside the rules (a control character in it) is not listed, as it could not be asked for.
                if (!Names.isHidden(name) && Names.isAllowed(name)) {
                    Optional<BasicFileAttributes> attributes = FileRoot.visible(child);
                    if (attributes.isPresent()) {
                        each.accept(new FileRoot.Entry(name, attributes.get()));
                    }
                }
            }
        } catch (DirectoryIteratorException e) {
            throw Failures.of(e.getCause(), "cannot list " + dir);
        }
    }

    /**
     * As {@link #forEach}, sorted by name when the directory has at most {@code most} visible entries,
     * as {@code ls} and vsftpd list; a larger one comes in the file system's order, the first
     * {@code most} held only until the directory shows itself larger. At most {@code most} entries
     * are held at once.
     */
    public void forEachSortedUpTo(int most, EntryHandler each) throws IOException {
        List<FileRoot.Entry> held = new ArrayList<>();
        var past = new Object() {
            boolean most;
        };
        forEach(entry -> {
            if (past.most) {
                each.accept(entry);
                return;
            }
            held.add(entry);
            if (held.size() > most) {
                past.most = true;
                for (FileRoot.Entry one : held) {
                    each.accept(one);
                }
                held.clear();
            }
        });
        held.sort(Comparator.comparing(FileRoot.Entry::name));
        for (FileRoot.Entry one : held) {
            each.accept(one);
        }
    }

    /** Closes the directory. */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // closedir(3) fails only on a descriptor that is not open: nothing a client could be told.
        }
    }
}
