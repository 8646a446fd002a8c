package dev.socklab.services.storage;

import java.util.List;

import dev.socklab.text.Visible;

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

    /**
     * Checks every name against the rules above.
     *
     * @throws IllegalArgumentException for a name that breaks them: only {@link FileRoot#resolve}'s
     *     own paths are expected here, so this is a programming error, never a client's
     */
    public StoragePath {
        names = List.copyOf(names);
        for (String name : names) {
            if (!Names.isAllowed(name)) {
                throw new IllegalArgumentException("not a name under a file root: " + Visible.of(name));
            }
        }
    }

    /** The path as a client sees it: {@code /} for the root, {@code /pub/a.txt} below it. */
    public String shown() {
        return "/" + String.join("/", names);
    }

    /** The last name, or empty for the root. */
    public String name() {
        return names.isEmpty() ? "" : names.getLast();
    }

    /** Whether this is the root itself. */
    public boolean isRoot() {
        return names.isEmpty();
    }

    /** Whether this path is {@code other} or lies below it. */
    public boolean isWithin(StoragePath other) {
        return names.size() >= other.names.size() && names.subList(0, other.names.size()).equals(other.names);
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
