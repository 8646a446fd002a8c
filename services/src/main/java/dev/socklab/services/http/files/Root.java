package dev.socklab.services.http.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

import dev.socklab.runtime.SettingException;
import dev.socklab.text.IoFailure;

/**
 * The directory whose files are served, and the one way to find a file under it. A path is
 * walked from the root's real path one name at a time, each looked at without following links
 * ({@link LinkOption#NOFOLLOW_LINKS}): a hidden name (one beginning with {@code .}) or a symbolic
 * link anywhere on the way ends the walk as if nothing were there, so a link inside the root that
 * points out is never followed. The real path of what is found is checked to be under the root's
 * all the same.
 */
final class Root {
    private final Path real;

    private Root(Path real) {
        this.real = real;
    }

    /**
     * The root at {@code dir}.
     *
     * @throws SettingException if {@code dir} is not a readable directory
     */
    static Root of(Path dir) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new SettingException("--http-root " + dir + " cannot be served (" + IoFailure.reason(e)
                    + "): name a directory that exists", e);
        }
        if (!Files.isDirectory(real)) {
            throw new SettingException("--http-root " + dir + " is not a directory: name the directory whose files to serve");
        }
        if (!Files.isReadable(real) || !Files.isExecutable(real)) {
            throw new SettingException("--http-root " + dir + " cannot be read (permission denied): name a directory"
                    + " this user may list");
        }
        return new Root(real);
    }

    /** The root's real path. */
    Path path() {
        return real;
    }

    /** What {@code names} lead to from the root: nothing if any is missing, hidden, a link or not reachable. */
    Optional<Entry> find(List<String> names) {
        Optional<Entry> found = attributes(real).map(a -> new Entry(real, a));
        for (String name : names) {
            found = found.filter(Entry::isDirectory).flatMap(dir -> child(dir.path(), name));
        }
        return found.filter(this::confined);
    }

    /** Whether {@code entry} really is under the root: the walk already refused every link, so this is a second lock. */
    private boolean confined(Entry entry) {
        try {
            return entry.path().toRealPath().startsWith(real);
        } catch (IOException e) {
            return false; // gone since it was found
        }
    }

    /**
     * The visible entry called {@code name} in {@code dir}, a directory found under the root: a
     * regular file or a directory, never hidden, never a link.
     */
    static Optional<Entry> child(Path dir, String name) {
        if (isHidden(name)) {
            return Optional.empty();
        }
        Path path;
        try {
            path = dir.resolve(name);
        } catch (InvalidPathException e) {
            return Optional.empty(); // a name the file system's encoding cannot hold names no file
        }
        if (!dir.equals(path.getParent())) {
            return Optional.empty();
        }
        return attributes(path).filter(a -> a.isDirectory() || a.isRegularFile()).map(a -> new Entry(path, a));
    }

    /** The attributes of {@code path} itself, a link being a link: none if they cannot be read. */
    static Optional<BasicFileAttributes> attributes(Path path) {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            // Missing, or not ours to see: the client hears 404 either way, as from jwebserver.
            return Optional.empty();
        }
    }

    /** Whether a name is hidden: never listed, served or written. */
    static boolean isHidden(String name) {
        return name.startsWith(".");
    }

    /** A regular file or a directory under the root, with its attributes as they were read. */
    record Entry(Path path, BasicFileAttributes attributes) {
        boolean isDirectory() {
            return attributes.isDirectory();
        }

        boolean isFile() {
            return attributes.isRegularFile();
        }
    }
}
