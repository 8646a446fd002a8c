package dev.socklab.client;

import java.util.List;

/**
 * One FTP reply (RFC 959 §4.2): a three-digit code and its lines, the first and last of a
 * multi-line reply included ({@code 211-Features:} ... {@code 211 End}).
 *
 * @param code the reply code, 100 to 599
 * @param lines the lines as sent, without their line ends
 */
record FtpReply(int code, List<String> lines) {
    FtpReply {
        lines = List.copyOf(lines);
    }

    /** 1xx: a preliminary reply; another follows. */
    boolean preliminary() {
        return code / 100 == 1;
    }

    /** 2xx: done. */
    boolean completed() {
        return code / 100 == 2;
    }

    /** 3xx: more is needed, such as a password after the user. */
    boolean intermediate() {
        return code / 100 == 3;
    }

    /** The last line's text after its code: {@code Entering Extended Passive Mode (|||40000|)}. */
    String text() {
        String last = lines.getLast();
        return last.length() > 4 ? last.substring(4) : "";
    }

    /** The reply as one line for a message: its last line, which carries the code. */
    @Override
    public String toString() {
        return lines.getLast();
    }

    /**
     * The code of a reply's first line, or -1 if the line does not start with one: three digits
     * from 1xx to 5xx, then a space, a hyphen, or the line's end.
     */
    static int codeOf(String line) {
        if (line.length() < 3 || line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            return -1;
        }
        int code = 0;
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        return code >= 100 && code < 600 ? code : -1;
    }

    /** Whether {@code line} is the first line of a multi-line reply: {@code 211-Features:}. */
    static boolean opensMore(String line) {
        return line.length() > 3 && line.charAt(3) == '-';
    }

    /** Whether {@code line} ends the multi-line reply with {@code code}: {@code 211 End} (RFC 959 §4.2). */
    static boolean ends(String line, int code) {
        return codeOf(line) == code && !opensMore(line);
    }
}
