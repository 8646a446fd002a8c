package dev.socklab.services.storage;

import java.util.List;

/**
 * A path under a {@link FileRoot}, normalised: the names from the root down, none empty, none
 * {@code .} or {@code ..}, none with NUL or a control character. Made only by
 * {@link FileRoot#resolve}, so holding one means the path passed the rules.
 *
 * @param names the names from the root down; empty for the root itself
 */
public record StoragePath(List<String> names) {
    /** The root itself. */
    public static final StoragePath ROOT = new StoragePath(List.of());

    public StoragePath {
        names = List.copyOf(names);
    }

    /** The path as a client sees it: {@code /} for the root, {@code /pub/a.txt} below it. */
    public String shown() {
        return "/" + String.join("/", names);
    }

    /** The last name, or empty for the root. */
    public String name() {
        return names.isEmpty() ? "" : names.getLast();
    }

    /** The directory that holds this path; the root for the root. */
    public StoragePath parent() {
        return names.isEmpty() ? this : new StoragePath(names.subList(0, names.size() - 1));
    }

    @Override
    public String toString() {
        return shown();
    }
}
