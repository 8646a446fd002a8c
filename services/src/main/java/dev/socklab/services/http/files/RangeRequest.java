package dev.socklab.services.http.files;

/**
 * What a {@code Range} field asks of a file of a known size (RFC 9110 §14.2): one part, the whole
 * file, or nothing it has. Only a single range of bytes is served as a part: {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. A field that is not one, several ranges included, is
 * ignored, as RFC 9110 lets a server do, and the whole file is sent.
 */
sealed interface RangeRequest {
    /** The whole file, 200. */
    record Whole() implements RangeRequest {
    }

    /** Bytes {@code first} to {@code last} inclusive, 206. */
    record Part(long first, long last) implements RangeRequest {
        long length() {
            return last - first + 1;
        }
    }

    /** A range that starts past the end, or a suffix of no bytes: 416. */
    record Unsatisfiable() implements RangeRequest {
    }

    /** What {@code field}, a {@code Range} field's value, asks of a file of {@code size} bytes. */
    static RangeRequest parse(String field, long size) {
        String value = field.strip();
        int eq = value.indexOf('=');
        if (eq < 0 || !value.substring(0, eq).strip().equalsIgnoreCase("bytes") || value.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = value.substring(eq + 1).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).strip();
        String to = spec.substring(dash + 1).strip();
        if (from.isEmpty()) {
            if (!digits(to)) {
                return new Whole();
            }
            long suffix = number(to);
            // A suffix longer than the file is the whole file, as a part (§14.1.3).
            return suffix == 0 || size == 0 ? new Unsatisfiable() : new Part(Math.max(0, size - suffix), size - 1);
        }
        if (!digits(from) || !to.isEmpty() && !digits(to)) {
            return new Whole();
        }
        long first = number(from);
        long last = to.isEmpty() ? Long.MAX_VALUE : number(to);
        if (last < first) {
            return new Whole(); // invalid, so ignored (§14.1.1)
        }
        return first >= size ? new Unsatisfiable() : new Part(first, Math.min(last, size - 1));
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** {@code digits} as a number, a number too large for a long being as large as any file. */
    private static long number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
