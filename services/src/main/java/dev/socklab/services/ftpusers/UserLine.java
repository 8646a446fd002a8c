package dev.socklab.services.ftpusers;

import java.util.Optional;

/**
 * One line of a users file: {@code NAME:HASH} or {@code NAME:HASH:read-only}; a line that is blank
 * or begins with {@code #} is a comment and holds no account. A name is neither empty nor holds a
 * colon, a space or a control character.
 *
 * @param name the account's name, as the client sends it in {@code USER}
 * @param hash its bcrypt hash
 * @param readOnly whether the account may only read
 */
record UserLine(String name, String hash, boolean readOnly) {
    static final String READ_ONLY = "read-only";

    /**
     * The account on {@code line}, or none for a comment.
     *
     * @throws IllegalArgumentException saying what is wrong with the line, as a phrase
     */
    static Optional<UserLine> parse(String line) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return Optional.empty();
        }
        String[] fields = text.split(":", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("it is not NAME:HASH or NAME:HASH:" + READ_ONLY);
        }
        if (!isName(fields[0])) {
            throw new IllegalArgumentException("the name is empty or holds a space or a control character");
        }
        if (!Bcrypt.isHash(fields[1])) {
            throw new IllegalArgumentException("the hash is not a bcrypt hash ($2y$, $2b$ or $2a$)");
        }
        if (fields.length == 3 && !fields[2].equals(READ_ONLY)) {
            throw new IllegalArgumentException("the third field may only be " + READ_ONLY);
        }
        return Optional.of(new UserLine(fields[0], fields[1], fields.length == 3));
    }

    /** Whether {@code name} may name an account. */
    static boolean isName(String name) {
        return !name.isEmpty() && !name.startsWith("#") && name.chars().noneMatch(c -> c == ':' || Character.isWhitespace(c) || Character.isISOControl(c));
    }

    /** The line as the file holds it. */
    String text() {
        return name + ":" + hash + (readOnly ? ":" + READ_ONLY : "");
    }
}
