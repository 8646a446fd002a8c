package dev.socklab.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each key of a TOML file is written: the line of {@code key =} under its {@code [table]}
 * header. Jackson's TOML tree keeps no positions, so the text is scanned for its headers and key
 * lines alone (values are left to Jackson): enough to point an error at its line.
 */
final class KeyLines {
    /** A bare key, or a quoted one, as one part of a dotted key. */
    private static final String PART = "(?:[A-Za-z0-9_-]+|\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*')";
    private static final String DOTTED = PART + "(?:\\s*\\.\\s*" + PART + ")*";
    private static final Pattern HEADER = Pattern.compile("\\s*\\[\\[?\\s*(" + DOTTED + ")\\s*]]?.*");
    private static final Pattern KEY = Pattern.compile("\\s*(" + DOTTED + ")\\s*=.*");
    private static final Pattern PARTS = Pattern.compile(PART);

    /** The line (from 1) of each key, by its full path: the table's parts, then the key's. */
    private final Map<List<String>, Integer> lines = new HashMap<>();
    /** The first key written twice, if one is. */
    private Optional<Duplicate> duplicate = Optional.empty();

    /**
     * A key written a second time, which TOML forbids: Jackson says so without naming it, and
     * where it has read on to.
     *
     * @param path the key's full path
     * @param first the line of its first value
     * @param second the line of the second
     */
    record Duplicate(List<String> path, int first, int second) {
        /** The key as an error names it: {@code trace}, or {@code [echo] deny}. */
        String key() {
            return path.size() == 1 ? path.getFirst()
                    : "[" + String.join(".", path.subList(0, path.size() - 1)) + "] " + path.getLast();
        }
    }

    private KeyLines(List<String> text) {
        List<String> table = List.of();
        String closing = null;
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            if (closing != null) {
                // Inside a multi-line string: nothing here is a key.
                if (line.contains(closing)) {
                    closing = null;
                }
                continue;
            }
            Matcher header = HEADER.matcher(line);
            Matcher key = KEY.matcher(line);
            if (header.matches()) {
                table = parts(header.group(1));
                lines.putIfAbsent(table, i + 1);
            } else if (key.matches()) {
                List<String> path = new ArrayList<>(table);
                path.addAll(parts(key.group(1)));
                Integer first = lines.putIfAbsent(List.copyOf(path), i + 1);
                if (first != null && duplicate.isEmpty()) {
                    duplicate = Optional.of(new Duplicate(List.copyOf(path), first, i + 1));
                }
                String value = line.substring(key.end(1));
                closing = opensMultiLine(value, "\"\"\"") ? "\"\"\"" : opensMultiLine(value, "'''") ? "'''" : null;
            }
        }
    }

    /** The lines of {@code text}, a TOML file's. */
    static KeyLines of(String text) {
        return new KeyLines(text.lines().toList());
    }

    /**
     * The line of the key at {@code path} (its table's parts, then its own), else of the nearest
     * table around it that is written out, else 1.
     */
    int lineOf(List<String> path) {
        for (int n = path.size(); n > 0; n--) {
            Integer line = lines.get(path.subList(0, n));
            if (line != null) {
                return line;
            }
        }
        return 1;
    }

    /** The first key written twice, if one is. */
    Optional<Duplicate> duplicate() {
        return duplicate;
    }

    private static boolean opensMultiLine(String value, String delimiter) {
        int first = value.indexOf(delimiter);
        return first >= 0 && value.indexOf(delimiter, first + delimiter.length()) < 0;
    }

    private static List<String> parts(String dotted) {
        List<String> parts = new ArrayList<>();
        Matcher m = PARTS.matcher(dotted);
        while (m.find()) {
            String part = m.group();
            parts.add(part.startsWith("\"") || part.startsWith("'") ? unquote(part) : part);
        }
        return parts;
    }

    /** A quoted key's name: basic strings' escapes of a quote and a backslash undone, which is all a setting's key could hold. */
    private static String unquote(String quoted) {
        String inner = quoted.substring(1, quoted.length() - 1);
        return quoted.startsWith("'") ? inner : inner.replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
