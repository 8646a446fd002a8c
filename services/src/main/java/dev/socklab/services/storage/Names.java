package dev.socklab.services.storage;

/**
 * The rules for one name under a root. A name may hold any character but NUL, a control character
 * (C0, DEL, C1: they would act on a terminal or break a protocol's line), a slash (it separates
 * names) or a backslash (a separator to Windows clients, and so a way to smuggle {@code ..\}); it
 * is not empty, {@code .} or {@code ..}. A hidden name, one beginning with {@code .}, is allowed as
 * a name but is never listed, served or written ({@link #isHidden}).
 */
final class Names {
    private Names() {
    }

    /** Whether {@code name} may be a name under a root (hidden or not). */
    static boolean isAllowed(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && firstRefused(name) < 0;
    }

    /** The index of the first character that neither a name nor a client's path may hold (a control or a backslash), or -1. */
    static int firstRefused(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\\') {
                return i;
            }
        }
        return -1;
    }

    /** Whether a name is hidden: never listed, served or written, as the upload's own temporary files are. */
    static boolean isHidden(String name) {
        return name.startsWith(".");
    }
}
