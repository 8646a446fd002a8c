package dev.socklab.services.ftp;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The facts MLSD and MLST give of each entry (RFC 3659 section 7): {@code type}, {@code size},
 * {@code modify} and {@code perm}, or those a client chose with {@code OPTS MLST}.
 *
 * @param shown the facts given, in the order FEAT lists them
 */
record Facts(Set<String> shown) {
    /** Every fact the server knows, in FEAT's order. */
    static final List<String> KNOWN = List.of("type", "size", "modify", "perm");
    /** What a session starts with: all of them. */
    static final Facts ALL = new Facts(new LinkedHashSet<>(KNOWN));

    /** FEAT's line: each fact known, followed by {@code *} where it is shown. */
    String feature() {
        StringBuilder line = new StringBuilder("MLST ");
        KNOWN.forEach(fact -> line.append(fact).append(shown.contains(fact) ? "*;" : ";"));
        return line.toString();
    }

    /** The facts {@code OPTS MLST type;size;} asks for, the unknown ones left out, as RFC 3659 section 7.9 says. */
    static Facts select(String list) {
        Set<String> asked = new LinkedHashSet<>();
        for (String fact : list.toLowerCase(Locale.ROOT).split(";")) {
            asked.add(fact.strip());
        }
        Set<String> shown = new LinkedHashSet<>();
        KNOWN.stream().filter(asked::contains).forEach(shown::add);
        return new Facts(shown);
    }

    /** {@code OPTS MLST}'s answer: the facts now shown, each followed by {@code ;}. */
    String selected() {
        StringBuilder line = new StringBuilder();
        shown.forEach(fact -> line.append(fact).append(';'));
        return line.toString();
    }

    /** One entry's facts, then a space and its name (or path, for MLST). */
    String line(String name, BasicFileAttributes attributes, boolean mayWrite) {
        List<String> facts = new ArrayList<>();
        boolean dir = attributes.isDirectory();
        if (shown.contains("type")) {
            facts.add("type=" + (dir ? "dir" : "file"));
        }
        if (shown.contains("size") && !dir) {
            facts.add("size=" + attributes.size());
        }
        if (shown.contains("modify")) {
            facts.add("modify=" + FtpTime.format(attributes.lastModifiedTime()));
        }
        if (shown.contains("perm")) {
            // RFC 3659 section 7.5.5: e, l enter and list a directory; r reads a file; the rest change things.
            facts.add("perm=" + (dir ? (mayWrite ? "elcmfdp" : "el") : (mayWrite ? "radfw" : "r")));
        }
        return String.join(";", facts) + "; " + name;
    }
}
